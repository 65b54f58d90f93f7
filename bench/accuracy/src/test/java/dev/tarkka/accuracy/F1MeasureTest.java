package dev.tarkka.accuracy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of TCPDBench's own {@code metrics.py} docstrings, which fix its definition. */
class F1MeasureTest {

    private static double f1(List<int[]> annotations, int... predictions) {
        return F1Measure.score(annotations, predictions, 5).f1();
    }

    @Test
    void tcpdBenchExamples() {
        assertEquals(1.0, f1(List.of(new int[]{10, 20}, new int[]{11, 20}, new int[]{10}, new int[]{0, 5}), 10, 20),
                1e-12);
        List<int[]> disagreeing = List.of(new int[]{}, new int[]{10}, new int[]{50});
        assertEquals(0.9090909090909091, f1(disagreeing, 10), 1e-12);
        assertEquals(0.8, f1(disagreeing), 1e-12);
    }

    @Test
    void eachPredictionMatchesOneTruePointAtMost() {
        // {1, 10, 20, 23} against {3, 8, 20}: 1, 10 and 20 are matched; 23 finds 20 already used
        assertEquals(3, F1Measure.truePositives(new java.util.TreeSet<>(List.of(1, 10, 20, 23)),
                new java.util.TreeSet<>(List.of(3, 8, 20)), 5));
        assertEquals(3, F1Measure.truePositives(new java.util.TreeSet<>(List.of(1, 10, 20, 23)),
                new java.util.TreeSet<>(List.of(1, 3, 5, 8, 20)), 5));
    }

    @Test
    void theMarginDecidesWhatIsClose() {
        List<int[]> truth = List.<int[]>of(new int[]{50});
        assertEquals(1.0, F1Measure.score(truth, new int[]{51}, 1).f1(), 1e-12);
        F1Measure.Score missed = F1Measure.score(truth, new int[]{52}, 1);
        assertEquals(0.5, missed.precision(), 1e-12); // {0} of {0, 52}
        assertEquals(0.5, missed.recall(), 1e-12); // {0} of {0, 50}
    }
}
