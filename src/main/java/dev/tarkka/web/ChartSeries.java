package dev.tarkka.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.SeriesColumns;
import dev.tarkka.series.StoredSeries;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A test as its page draws it: every point of its own series column by column (a chart library's shape, and a
 * sixth of the bytes of the points as {@code GET /result/{name}} lists them: 0.95 MB for 10,000 runs of 6
 * metrics), then each metric with its value at every point (null where a point has none), whether change detection
 * is disabled for it, and its change points, each at the position of its point in the columns.
 */
@RegisterForReflection // with its nested records: a native image writes them as JSON
public record ChartSeries(String testName, Options options, List<Long> timestamps, List<String> gitCommits,
        List<String> gitRepos, List<Metric> metrics) {

    /** The detection options the change points were found with. */
    @RegisterForReflection
    public record Options(String algorithm, int windowLen, double maxPvalue, double minMagnitude) {
    }

    /** @param direction null when the uploads do not say */
    @RegisterForReflection
    public record Metric(String name, String unit, String direction, boolean disabled, List<Double> values,
            List<Change> changePoints) {
    }

    /** A change point, unrounded, at position {@code point} of the columns. */
    @RegisterForReflection
    public record Change(int point, double forwardChangePercent, double magnitude, double meanBefore,
            double stddevBefore, double meanAfter, double stddevAfter, double pvalue) {

        static Change at(int point, ChangePoint change) {
            return new Change(point, change.forwardChangePercent(), change.magnitude(), change.meanBefore(),
                    change.stddevBefore(), change.meanAfter(), change.stddevAfter(), change.pvalue());
        }
    }

    static ChartSeries of(TestAnalysis analysis) {
        StoredSeries series = analysis.series();
        int size = series.size();
        List<Long> timestamps = new ArrayList<>(size);
        List<String> commits = new ArrayList<>(size);
        List<String> repos = new ArrayList<>(size);
        for (int point = 0; point < size; point++) {
            timestamps.add(series.time(point));
            commits.add(series.commit(point));
            repos.add(series.repo(point));
        }
        SeriesColumns columns = series.columns();
        List<Metric> metrics = new ArrayList<>();
        for (String name : ChangeReport.metrics(columns, Set.of())) {
            SeriesColumns.Metric column = columns.metric(name);
            Double[] values = new Double[size];
            for (int i = 0; i < column.size(); i++) {
                if (!column.missing().get(i)) {
                    values[column.positions()[i]] = column.values()[i];
                }
            }
            // what the newest point that has the metric says of its unit and direction
            StoredSeries.Measured newest = series.measured(name, column.size() - 1);
            metrics.add(new Metric(name, newest.unit(), newest.direction(), analysis.disabled().contains(name),
                    Arrays.asList(values), changes(analysis, name, column)));
        }
        DetectionOptions options = analysis.options();
        return new ChartSeries(analysis.testName(), new Options(options.algorithm().wireName(), options.windowLen(),
                options.maxPvalue(), options.minMagnitude()), timestamps, commits, repos, metrics);
    }

    /** The metric's change points at their positions in the columns; none for a disabled metric. */
    private static List<Change> changes(TestAnalysis analysis, String name, SeriesColumns.Metric column) {
        return analysis.changePoints().getOrDefault(name, List.of()).stream()
                .map(change -> Change.at(column.positions()[change.index()], change)).toList();
    }
}
