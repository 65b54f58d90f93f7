package dev.tarkka.accuracy;

import java.util.List;
import java.util.TreeSet;

/**
 * TCPDBench's F1 (van den Burg &amp; Williams 2020, {@code analysis/scripts/metrics.py}, {@code f_measure}), written
 * again from its definition:
 * <ul>
 *   <li>the index 0 is added to every annotator's set and to the predictions, so predicting nothing still has one
 *       true positive and a series without changes is scored 1;</li>
 *   <li>a true point is matched to the closest unmatched prediction within {@code margin} (the nearer, then the
 *       smaller, wins), and each prediction is used at most once;</li>
 *   <li>precision matches the union of all annotators' points against the predictions, divided by the number of
 *       predictions; recall is the mean over annotators of their matched fraction;</li>
 *   <li>F1 = 2PR / (P + R).</li>
 * </ul>
 * True points are visited in ascending order; TCPDBench iterates a Python set, which is the same order for all but
 * unusual index sets, and the order only matters when two true points compete for one prediction.
 */
final class F1Measure {

    /** Precision, recall and F1 of one series. */
    record Score(double precision, double recall, double f1) {
    }

    private F1Measure() {
    }

    static Score score(List<int[]> annotations, int[] predictions, int margin) {
        TreeSet<Integer> predicted = withZero(predictions);
        TreeSet<Integer> union = new TreeSet<>();
        union.add(0);
        for (int[] annotation : annotations) {
            for (int cp : annotation) {
                union.add(cp);
            }
        }
        double precision = (double) truePositives(union, predicted, margin) / predicted.size();
        double recall = 0;
        for (int[] annotation : annotations) {
            TreeSet<Integer> truth = withZero(annotation);
            recall += (double) truePositives(truth, predicted, margin) / truth.size();
        }
        recall /= annotations.size();
        double f1 = 2 * precision * recall / (precision + recall);
        return new Score(precision, recall, f1);
    }

    /** How many true points find a prediction within the margin, each prediction used once. */
    static int truePositives(TreeSet<Integer> truth, TreeSet<Integer> predictions, int margin) {
        TreeSet<Integer> unused = new TreeSet<>(predictions);
        int matched = 0;
        for (int tau : truth) {
            Integer below = unused.floor(tau);
            Integer above = unused.ceiling(tau);
            Integer closest = below == null ? above
                    : above == null ? below
                    : above - tau < tau - below ? above : below; // ties go to the smaller index
            if (closest != null && Math.abs(closest - tau) <= margin) {
                unused.remove(closest);
                matched++;
            }
        }
        return matched;
    }

    private static TreeSet<Integer> withZero(int[] points) {
        TreeSet<Integer> set = new TreeSet<>();
        set.add(0);
        for (int p : points) {
            set.add(p);
        }
        return set;
    }
}
