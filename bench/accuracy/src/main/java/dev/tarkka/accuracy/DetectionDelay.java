package dev.tarkka.accuracy;

import dev.tarkka.detection.MissingValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many runs after a level shift a detector first reports it, when it only sees the history up to the newest
 * run: the detector runs on growing prefixes x[0, s + d) for d = 1 … {@value #MAX_DELAY}, and the delay is the first
 * d at which it reports a change point within 5 of the shift s. This is what a CI user waits for.
 */
final class DetectionDelay {

    static final int MAX_DELAY = 15;
    private static final int MARGIN = 5;
    private static final int MIN_HISTORY = 30;
    private static final int MIN_GAP_BEFORE = 10;

    /**
     * One shift to watch: the series, where the shift is, its magnitude and the series' relative noise.
     */
    record Case(LabeledSeries series, int shift, double magnitude, double noise) {
    }

    /** Delays of a detector on a set of cases. */
    record Result(int cases, int[] delays) {

        /** Share of the cases reported within {@code runs} runs. */
        double reportedWithin(int runs) {
            return cases == 0 ? Double.NaN : (double) Arrays.stream(delays).filter(d -> d <= runs).count() / cases;
        }

        /** Median delay; {@code MAX_DELAY + 1} stands for "not within the maximum". */
        double median() {
            int[] sorted = delays.clone();
            Arrays.sort(sorted);
            return cases == 0 ? Double.NaN : sorted[cases / 2];
        }
    }

    private DetectionDelay() {
    }

    /**
     * From each generated series, its last shift that has at least {@value #MIN_HISTORY} runs of history,
     * {@value #MIN_GAP_BEFORE} runs since the previous shift, and {@value #MAX_DELAY} runs after it without another.
     */
    static List<Case> cases(List<CiHistoryGenerator.GeneratedSeries> generated) {
        List<Case> cases = new ArrayList<>();
        for (CiHistoryGenerator.GeneratedSeries g : generated) {
            List<CiHistoryGenerator.Shift> shifts = g.shifts();
            for (int k = shifts.size() - 1; k >= 0; k--) {
                int s = shifts.get(k).index();
                boolean history = s >= MIN_HISTORY && (k == 0 || s - shifts.get(k - 1).index() >= MIN_GAP_BEFORE);
                boolean room = s + MAX_DELAY <= g.series().length()
                        && (k == shifts.size() - 1 || shifts.get(k + 1).index() > s + MAX_DELAY);
                if (history && room) {
                    cases.add(new Case(g.series(), s, shifts.get(k).magnitude(), g.traits().noise()));
                    break;
                }
            }
        }
        return cases;
    }

    static Result measure(Detector detector, List<Case> cases, Evaluation evaluation) {
        int[] delays = evaluation.map(cases, c -> delay(detector, c)).stream().mapToInt(Integer::intValue).toArray();
        return new Result(cases.size(), delays);
    }

    private static int delay(Detector detector, Case c) {
        for (int d = 1; d <= MAX_DELAY; d++) {
            double[] prefix = MissingValues.fill(Arrays.copyOf(c.series().values(), c.shift() + d));
            for (int cp : detector.detect(prefix)) {
                if (Math.abs(cp - c.shift()) <= MARGIN) {
                    return d;
                }
            }
        }
        return MAX_DELAY + 1;
    }
}
