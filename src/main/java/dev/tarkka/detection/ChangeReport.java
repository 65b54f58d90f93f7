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
 * reports are merged into groups by timestamp.
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
        Map<String, List<ChangePoint>> changePoints = new HashMap<>();
        for (String metric : metrics(points, disabled)) {
            changePoints.put(metric, ChangePointDetector.analyze(series(points, metric), options));
        }
        return build(points, disabled, changePoints);
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
        List<String> metrics = metrics(points, disabled);
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
            List<DataPoint> metricPoints = pointsWith(points, metric);
            for (ChangePoint changePoint : changePoints) {
                DataPoint point = metricPoints.get(changePoint.index());
                ReportChange change = ReportChange.of(metric, point.time(), changePoint);
                // The first metric's groups are taken as they are; a later metric joins the first group with the
                // same time, or is appended at the end: the merged list is not re-sorted (spec §15.2).
                PendingGroup group = firstMetric ? null : groupsByTime.get(point.time());
                if (group == null) {
                    group = new PendingGroup(point.time(), new LinkedHashMap<>(point.attributes()), new ArrayList<>());
                    groups.add(group);
                    groupsByTime.putIfAbsent(point.time(), group);
                }
                group.changes().add(change);
            }
        }
        return Optional.of(groups.stream().map(PendingGroup::toReportGroup).toList());
    }

    /** The enabled metric names in order of first appearance. */
    public static List<String> metrics(List<DataPoint> points, Set<String> disabled) {
        Set<String> metrics = new LinkedHashSet<>();
        for (DataPoint point : points) {
            metrics.addAll(point.metrics().keySet());
        }
        metrics.removeAll(disabled);
        return List.copyOf(metrics);
    }

    /** The filled series of one metric: the values of the points that contain it (spec §3). */
    public static double[] series(List<DataPoint> points, String metric) {
        return MissingValues.fill(pointsWith(points, metric).stream()
                .map(point -> point.metrics().get(metric))
                .toArray(Double[]::new));
    }

    /**
     * Where a metric's series comes from: position {@code i} of the series of {@code metric} (the index a change
     * point carries) is the point at {@code positionsOf(points, metric)[i]} of {@code points}.
     */
    public static int[] positionsOf(List<DataPoint> points, String metric) {
        return java.util.stream.IntStream.range(0, points.size())
                .filter(i -> points.get(i).metrics().containsKey(metric))
                .toArray();
    }

    private static List<DataPoint> pointsWith(List<DataPoint> points, String metric) {
        return java.util.Arrays.stream(positionsOf(points, metric)).mapToObj(points::get).toList();
    }

    private record PendingGroup(long time, Map<String, String> attributes, List<ReportChange> changes) {
        ReportGroup toReportGroup() {
            return new ReportGroup(time, Collections.unmodifiableMap(attributes), List.copyOf(changes));
        }
    }
}
