package dev.tarkka.detection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How per-metric reports are merged into Nyrkiö's groups (spec §15.2). */
class ChangeReportTest {

    private static final DetectionOptions OPTIONS = DetectionOptions.NYRKIO_DEFAULTS;

    /** Point i at time 1000 + i with commit "c{i}"; each metric given as level before and after its step index. */
    private static List<DataPoint> points(int n, Map<String, int[]> steps) {
        List<DataPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("git_commit", "c" + i);
            attributes.put("branch", "main");
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> metric : steps.entrySet()) {
                metrics.put(metric.getKey(), i < metric.getValue()[0] ? 10.0 : 20.0 + (i % 2) * 0.001);
            }
            points.add(new DataPoint(1000 + i, attributes, metrics));
        }
        return points;
    }

    private static Map<String, int[]> steps(Object... nameAndIndex) {
        Map<String, int[]> steps = new LinkedHashMap<>();
        for (int k = 0; k < nameAndIndex.length; k += 2) {
            steps.put((String) nameAndIndex[k], new int[]{(Integer) nameAndIndex[k + 1]});
        }
        return steps;
    }

    @Test
    void noPointsOrNoEnabledMetricGivesNoReport() {
        assertEquals(Optional.empty(), ChangeReport.build(List.of(), Set.of(), OPTIONS));
        List<DataPoint> points = points(60, steps("a", 30));
        assertEquals(Optional.empty(), ChangeReport.build(points, Set.of("a"), OPTIONS));
    }

    @Test
    void metricsWithoutChangesGiveAnEmptyList() {
        assertEquals(Optional.of(List.of()), ChangeReport.build(points(60, steps("a", 100)), Set.of(), OPTIONS));
    }

    @Test
    void laterMetricsJoinAGroupWithTheSameTimeOrAreAppendedAtTheEnd() {
        List<DataPoint> points = points(80, steps("late", 50, "early", 20, "same", 50));
        List<ReportGroup> groups = ChangeReport.build(points, Set.of(), OPTIONS).orElseThrow();
        assertEquals(List.of(1050L, 1020L), groups.stream().map(ReportGroup::time).toList(), "not re-sorted");
        assertEquals(List.of("late", "same"), groups.get(0).changes().stream().map(ReportChange::metric).toList());
        assertEquals(Map.of("git_commit", "c50", "branch", "main"), groups.get(0).attributes());
        assertEquals(List.of("git_commit", "branch"), List.copyOf(groups.get(0).attributes().keySet()));
        ReportChange change = groups.get(1).changes().get(0);
        assertEquals(new ReportChange("early", 20, 1020, "100", "1.000050", "10.000000", "0.000000", "20.000500",
                "0.000500", "0.000000"), change);
    }

    @Test
    void disabledMetricsAreSkipped() {
        List<DataPoint> points = points(80, steps("a", 50, "b", 20));
        List<ReportGroup> groups = ChangeReport.build(points, Set.of("a"), OPTIONS).orElseThrow();
        assertEquals(List.of(1020L), groups.stream().map(ReportGroup::time).toList());
        assertEquals(List.of("b"), ChangeReport.metrics(points, Set.of("a")));
    }

    @Test
    void eachMetricIsItsOwnSeriesOfThePointsThatHaveIt() {
        List<DataPoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (i != 2) {
                metrics.put("m", i == 4 ? null : (double) i);
            }
            points.add(new DataPoint(i, Map.of(), metrics));
        }
        assertArrayEquals(new double[]{0, 1, 3, 3, 5}, ChangeReport.series(points, "m"));
    }

    @Test
    void indexesAndTimesReferToTheMetricsOwnSeries() {
        List<DataPoint> points = new ArrayList<>(points(60, steps("a", 30)));
        points.add(0, new DataPoint(999, Map.of("git_commit", "other"), Map.of("b", 1.0)));
        ReportGroup group = ChangeReport.build(points, Set.of(), OPTIONS).orElseThrow().get(0);
        assertEquals(30, group.changes().get(0).index());
        assertEquals(1030, group.time());
    }

    @Test
    void precomputedChangePointsMustCoverEveryEnabledMetric() {
        List<DataPoint> points = points(60, steps("a", 30, "b", 30));
        assertThrows(IllegalArgumentException.class,
                () -> ChangeReport.build(points, Set.of(), Map.of("a", List.of())));
        assertEquals(ChangeReport.build(points, Set.of(), OPTIONS),
                ChangeReport.build(points, Set.of(), Map.of(
                        "a", ChangePointDetector.analyze(ChangeReport.series(points, "a"), OPTIONS),
                        "b", ChangePointDetector.analyze(ChangeReport.series(points, "b"), OPTIONS))));
    }
}
