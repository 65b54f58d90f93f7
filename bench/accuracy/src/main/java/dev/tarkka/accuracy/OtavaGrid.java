package dev.tarkka.accuracy;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.DetectionOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The grid search that gives Otava its best single parameter set on the tuning half: every window, p-value and
 * magnitude below, ranked by mean F1 at margin 5 (then by fewer false alarms).
 */
final class OtavaGrid {

    private static final int[] WINDOWS = {20, 30, 50, 80, 120};
    private static final double[] MAX_PVALUES = {0.1, 0.05, 0.01, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8};
    private static final double[] MIN_MAGNITUDES = {0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12};

    /** One evaluated parameter set. */
    record Entry(DetectionOptions options, Evaluation.Scores scores) {
    }

    /** Every parameter set, best first. */
    record Result(List<Entry> ranked) {
        DetectionOptions best() {
            return ranked.get(0).options();
        }
    }

    private OtavaGrid() {
    }

    static Result search(List<LabeledSeries> tuning, Evaluation evaluation) {
        List<Entry> entries = new ArrayList<>();
        for (int window : WINDOWS) {
            for (double pvalue : MAX_PVALUES) {
                for (double magnitude : MIN_MAGNITUDES) {
                    DetectionOptions options = new DetectionOptions(window, pvalue, magnitude, Algorithm.OTAVA);
                    entries.add(new Entry(options, evaluation.score(Detector.engine("grid", options), tuning)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::scores, AccuracyBenchmark.BETTER_FIRST));
        return new Result(List.copyOf(entries));
    }
}
