package dev.tarkka.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DataPoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.StoredPoint;
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
        List<StoredPoint> points = analysis.points();
        List<Long> timestamps = new ArrayList<>(points.size());
        List<String> commits = new ArrayList<>(points.size());
        List<String> repos = new ArrayList<>(points.size());
        // what the newest point that has a metric says of its unit and direction
        Map<String, ResultInput.Metric> described = new LinkedHashMap<>();
        for (StoredPoint point : points) {
            timestamps.add(point.timestamp());
            commits.add(point.gitCommit());
            repos.add(point.result().attributes().gitRepo());
            point.result().metrics().forEach(metric -> described.put(metric.name(), metric));
        }
        List<DataPoint> enginePoints = analysis.enginePoints();
        List<Metric> metrics = new ArrayList<>();
        for (String name : ChangeReport.metrics(enginePoints, Set.of())) {
            List<Double> values = new ArrayList<>(enginePoints.size());
            enginePoints.forEach(point -> values.add(point.metrics().get(name)));
            ResultInput.Metric description = described.get(name);
            metrics.add(new Metric(name, description.unit(), description.direction(),
                    analysis.disabled().contains(name), values, changes(analysis, name)));
        }
        DetectionOptions options = analysis.options();
        return new ChartSeries(analysis.testName(), new Options(options.algorithm().wireName(), options.windowLen(),
                options.maxPvalue(), options.minMagnitude()), timestamps, commits, repos, metrics);
    }

    /** The metric's change points at their positions in the columns; none for a disabled metric. */
    private static List<Change> changes(TestAnalysis analysis, String metric) {
        List<ChangePoint> found = analysis.changePoints().getOrDefault(metric, List.of());
        if (found.isEmpty()) {
            return List.of();
        }
        int[] positions = ChangeReport.positionsOf(analysis.enginePoints(), metric);
        return found.stream().map(change -> Change.at(positions[change.index()], change)).toList();
    }
}
