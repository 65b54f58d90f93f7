package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DataPoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.ReportGroup;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.StoredPoint;

/**
 * One test analysed as it is stored now.
 *
 * @param points       the stored points, in series order
 * @param enginePoints the same points as the engine saw them, in the same order
 * @param changePoints the change points of every enabled metric, indexed within that metric's series
 * @param groups       the report groups; empty when there is no point or no enabled metric
 */
public record TestAnalysis(String testName, DetectionOptions options, List<StoredPoint> points,
        List<DataPoint> enginePoints, Set<String> disabled, Map<String, List<ChangePoint>> changePoints,
        Optional<List<ReportGroup>> groups) {

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
            int[] positions = ChangeReport.positionsOf(enginePoints, metric);
            int commitIndex = -1;
            for (int i = 0; i < positions.length && commitIndex < 0; i++) {
                if (commit.equals(points.get(positions[i]).gitCommit())) {
                    commitIndex = i;
                }
            }
            int index = commitIndex;
            kept.put(metric, found.stream().filter(point -> point.index() == index).toList());
        });
        return new TestAnalysis(testName, options, points, enginePoints, disabled, kept,
                ChangeReport.build(enginePoints, disabled, kept));
    }

    /** A change point with the stored point it happened at and what that point measured of the metric. */
    public record LocatedChange(String metric, ChangePoint point, StoredPoint at, ResultInput.Metric measured) {
    }

    /** Every change point, metric by metric in report order, located at its stored point. */
    public List<LocatedChange> locatedChanges() {
        List<LocatedChange> located = new ArrayList<>();
        changePoints.forEach((metric, points) -> {
            if (points.isEmpty()) {
                return; // most metrics have none: no need to walk the series for them
            }
            int[] positions = ChangeReport.positionsOf(enginePoints, metric);
            for (ChangePoint point : points) {
                StoredPoint at = this.points.get(positions[point.index()]);
                ResultInput.Metric measured = at.result().metrics().stream().filter(m -> m.name().equals(metric))
                        .findFirst().orElseThrow();
                located.add(new LocatedChange(metric, point, at, measured));
            }
        });
        return located;
    }
}
