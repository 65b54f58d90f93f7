package dev.tarkka.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds Nyrkiö's change report of a test (spec §15.2): every metric is analysed on its own and the per-metric
 * reports are merged into groups by timestamp. The series is read in columns ({@link SeriesColumns}); lists of
 * points are turned into columns first.
 *
 * <p>The report is a pure function of the points, so a report built from cached or incrementally updated change
 * points is identical to a freshly computed one.
 */
public final class ChangeReport {

    private ChangeReport() {
    }

    /**
     * Analyses every enabled metric and builds the report.
     *
     * @param points   the test's results in time order (equal timestamps in insertion order)
     * @param disabled metric names to leave out
     * @return the groups (an empty list when no metric changed), or empty when there is no point or no enabled
     *         metric, which the API answers with {@code {}}
     */
    public static Optional<List<ReportGroup>> build(List<DataPoint> points, Set<String> disabled,
                                                    DetectionOptions options) {
        return build(SeriesColumns.of(points), disabled, options);
    }

    /** As {@link #build(List, Set, DetectionOptions)}, for a series in columns. */
    public static Optional<List<ReportGroup>> build(SeriesColumns series, Set<String> disabled,
                                                    DetectionOptions options) {
        Map<String, List<ChangePoint>> changePoints = new HashMap<>();
        for (String metric : metrics(series, disabled)) {
            changePoints.put(metric, ChangePointDetector.analyze(series.filled(metric), options));
        }
        return build(series, disabled, changePoints);
    }

    /**
     * Builds the report from change points computed elsewhere (for example cached or incrementally updated).
     *
     * @param changePointsByMetric the change points of every enabled metric, computed on {@link #series}
     * @throws IllegalArgumentException if an enabled metric has no entry
     * @see #build(List, Set, DetectionOptions)
     */
    public static Optional<List<ReportGroup>> build(List<DataPoint> points, Set<String> disabled,
                                                    Map<String, List<ChangePoint>> changePointsByMetric) {
        return build(SeriesColumns.of(points), disabled, changePointsByMetric);
    }

    /** As {@link #build(List, Set, Map)}, for a series in columns. */
    public static Optional<List<ReportGroup>> build(SeriesColumns series, Set<String> disabled,
                                                    Map<String, List<ChangePoint>> changePointsByMetric) {
        List<String> metrics = metrics(series, disabled);
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        List<PendingGroup> groups = new ArrayList<>();
        Map<Long, PendingGroup> groupsByTime = new HashMap<>();
        for (int m = 0; m < metrics.size(); m++) {
            String metric = metrics.get(m);
            List<ChangePoint> changePoints = changePointsByMetric.get(metric);
            if (changePoints == null) {
                throw new IllegalArgumentException("No change points given for metric '" + metric + "'");
            }
            boolean firstMetric = m == 0;
            int[] positions = series.metric(metric).positions();
            for (ChangePoint changePoint : changePoints) {
                int point = positions[changePoint.index()];
                long time = series.time(point);
                ReportChange change = ReportChange.of(metric, time, changePoint);
                // The first metric's groups are taken as they are; a later metric joins the first group with the
                // same time, or is appended at the end: the merged list is not re-sorted (spec §15.2).
                PendingGroup group = firstMetric ? null : groupsByTime.get(time);
                if (group == null) {
                    group = new PendingGroup(time, new LinkedHashMap<>(series.attributes(point)), new ArrayList<>());
                    groups.add(group);
                    groupsByTime.putIfAbsent(time, group);
                }
                group.changes().add(change);
            }
        }
        return Optional.of(groups.stream().map(PendingGroup::toReportGroup).toList());
    }

    /** The enabled metric names in order of first appearance. */
    public static List<String> metrics(List<DataPoint> points, Set<String> disabled) {
        return metrics(SeriesColumns.of(points), disabled);
    }

    /** The enabled metric names in order of first appearance. */
    public static List<String> metrics(SeriesColumns series, Set<String> disabled) {
        Set<String> metrics = new LinkedHashSet<>(series.metricNames());
        metrics.removeAll(disabled);
        return List.copyOf(metrics);
    }

    /** The filled series of one metric: the values of the points that contain it (spec §3). */
    public static double[] series(List<DataPoint> points, String metric) {
        return SeriesColumns.of(points).filled(metric);
    }

    /**
     * Where a metric's series comes from: position {@code i} of the series of {@code metric} (the index a change
     * point carries) is the point at {@code positionsOf(points, metric)[i]} of {@code points}.
     */
    public static int[] positionsOf(List<DataPoint> points, String metric) {
        SeriesColumns.Metric column = SeriesColumns.of(points).metric(metric);
        return column == null ? new int[0] : column.positions();
    }

    private record PendingGroup(long time, Map<String, String> attributes, List<ReportChange> changes) {
        ReportGroup toReportGroup() {
            return new ReportGroup(time, Collections.unmodifiableMap(attributes), List.copyOf(changes));
        }
    }
}
