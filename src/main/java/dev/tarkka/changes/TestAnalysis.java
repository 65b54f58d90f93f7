package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.ReportGroup;
import dev.tarkka.series.StoredSeries;

/**
 * One test analysed as it is stored now.
 *
 * @param series       the series that was analysed, in columns
 * @param changePoints the change points of every enabled metric, indexed within that metric's series
 * @param groups       the report groups; empty when there is no point or no enabled metric
 */
public record TestAnalysis(String testName, DetectionOptions options, StoredSeries series, Set<String> disabled,
        Map<String, List<ChangePoint>> changePoints, Optional<List<ReportGroup>> groups) {

    /** Nyrkio's change report: {@code {}} without data, otherwise {@code {"<test>": [groups]}}. */
    public TestReport report() {
        return new TestReport(testName, groups.orElse(null), List.of());
    }

    /**
     * The same analysis with only the change points at {@code commit}: at the first point of that commit in each
     * metric's series (Nyrkio's pull-request verdict).
     */
    public TestAnalysis onlyAt(String commit) {
        Map<String, List<ChangePoint>> kept = new LinkedHashMap<>();
        changePoints.forEach((metric, found) -> {
            int[] positions = series.columns().metric(metric).positions();
            int commitIndex = -1;
            for (int i = 0; i < positions.length && commitIndex < 0; i++) {
                if (commit.equals(series.commit(positions[i]))) {
                    commitIndex = i;
                }
            }
            int index = commitIndex;
            kept.put(metric, found.stream().filter(point -> point.index() == index).toList());
        });
        return new TestAnalysis(testName, options, series, disabled, kept,
                ChangeReport.build(series.columns(), disabled, kept));
    }

    /**
     * A change point with the point it happened at (an index into {@link #series}) and what that point measured
     * of the metric.
     */
    public record LocatedChange(String metric, ChangePoint change, int point, StoredSeries.Measured measured) {
    }

    /** Every change point, metric by metric in report order, located at its point. */
    public List<LocatedChange> locatedChanges() {
        List<LocatedChange> located = new ArrayList<>();
        changePoints.forEach((metric, found) -> {
            if (found.isEmpty()) {
                return;
            }
            int[] positions = series.columns().metric(metric).positions();
            for (ChangePoint change : found) {
                located.add(new LocatedChange(metric, change, positions[change.index()],
                        series.measured(metric, change.index())));
            }
        });
        return located;
    }
}
