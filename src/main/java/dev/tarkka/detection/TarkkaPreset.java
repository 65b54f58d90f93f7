package dev.tarkka.detection;

import java.util.Arrays;

/**
 * The {@code tarkka} preset: Otava's windowed E-divisive, made robust for CI benchmark histories. Every number here
 * was chosen on the tuning half of the accuracy benchmark ({@code bench/accuracy}); the preset ignores the options'
 * window, p-value and magnitude, which are Otava's knobs.
 *
 * <ul>
 *   <li><b>Ranks instead of values.</b> The window search computes q̂ on the ranks of a segment and the significance
 *       test is the Mann–Whitney rank-sum test ({@link RankEnergySearch}, {@link RankSumTest}), so a spike counts as
 *       one run above the level, and the p-values hold for heavy-tailed, skewed or two-state noise.</li>
 *   <li><b>A level lasts at least {@value #MIN_SEGMENT} runs.</b> Shorter excursions are never change points; a
 *       spike in the newest run cannot raise one.</li>
 *   <li><b>Stricter, local tests.</b> A change point is tested on at most {@value #COMPARED_RUNS} runs on each side
 *       at p &lt; {@value #MAX_PVALUE}; a change in the newest {@value #NEWEST_RUNS} runs at
 *       p &lt; {@value #NEWEST_PVALUE}, which the exact rank test reaches with three runs on a clear shift; the last
 *       run does not count when it is a spike (further from the new level than the new level is from the old).</li>
 *   <li><b>A step, not a slope.</b> The levels are the medians of up to {@value #LEVEL_RUNS} runs on each side; they
 *       must differ by more than {@value #MIN_MAGNITUDE} relative and by more than the level moves within either
 *       side, so slow drift and trends are not cut into stairs.</li>
 * </ul>
 */
final class TarkkaPreset {

    /** Points per window of the split step (half-overlapping, as in Otava). */
    static final int WINDOW = 50;
    /** Significance of a split inside a window. */
    static final double WINDOW_PVALUE = 1e-3;
    /** Fewest runs on either side of a change point. */
    static final int MIN_SEGMENT = 3;
    /** Significance of a change point in the merge step. */
    static final double MAX_PVALUE = 1e-4;
    /** A change this close to the end of the series ... */
    static final int NEWEST_RUNS = 5;
    /** ... is confirmed at this significance: it is one position tested per run, not hundreds. */
    static final double NEWEST_PVALUE = 1e-3;
    /** At most this many runs on each side enter the rank test. */
    static final int COMPARED_RUNS = 100;
    /** The level on each side is the median of at most this many runs next to the change. */
    static final int LEVEL_RUNS = 10;
    /** Smallest relative difference of the two levels. */
    static final double MIN_MAGNITUDE = 0.01;

    private TarkkaPreset() {
    }

    /**
     * The comparison of x[start, split) with x[split, end): the medians and population standard deviations of the
     * {@value #LEVEL_RUNS} runs on each side next to the split, and the rank-sum p-value of up to
     * {@value #COMPARED_RUNS} runs on each side. A side shorter than {@value #MIN_SEGMENT} runs gets p = 1.
     */
    static SegmentComparison compare(double[] x, int start, int split, int end) {
        int levelFrom = Math.max(start, split - LEVEL_RUNS);
        int levelTo = Math.min(end, split + LEVEL_RUNS);
        double before = median(x, levelFrom, split);
        double after = median(x, split, levelTo);
        double pvalue = split - start < MIN_SEGMENT || end - split < MIN_SEGMENT ? 1.0
                : RankSumTest.pvalue(x, Math.max(start, split - COMPARED_RUNS), split,
                Math.min(end, split + COMPARED_RUNS));
        return new SegmentComparison(before, after, spread(x, levelFrom, split), spread(x, split, levelTo), pvalue);
    }

    /** Whether a change at {@code index} is among the newest runs of a series of {@code n}. */
    static boolean isNewest(int index, int n) {
        return n - index <= NEWEST_RUNS;
    }

    /** The significance a change point at {@code index} needs in a series of {@code n} values whose next point is {@code next}. */
    static double requiredPvalue(int index, int next, int n) {
        return next == n && isNewest(index, n) ? NEWEST_PVALUE : MAX_PVALUE;
    }

    /**
     * Whether the last run of x, after a change at {@code index} following the level that starts at {@code start},
     * is a spike: it is further from the other runs since the change than those are from the level before.
     */
    static boolean lastRunIsASpike(double[] x, int start, int index) {
        int last = x.length - 1;
        if (last - index < 1) {
            return true;
        }
        double newLevel = median(x, index, last);
        double oldLevel = median(x, Math.max(start, index - LEVEL_RUNS), index);
        return Math.abs(x[last] - newLevel) > Math.abs(newLevel - oldLevel);
    }

    /**
     * Whether the step at {@code index} between the levels {@code before} and {@code after} is larger than the level
     * moves within the {@value #LEVEL_RUNS} runs on either side (compared half against half); a linear trend moves
     * about as much within a side as across the split.
     */
    static boolean isStep(double[] x, int start, int index, int end, double before, double after) {
        double step = Math.abs(after - before);
        return step > drift(x, Math.max(start, index - LEVEL_RUNS), index)
                && step > drift(x, index, Math.min(end, index + LEVEL_RUNS));
    }

    /** |median of the second half − median of the first half| of x[from, to); 0 below four runs. */
    private static double drift(double[] x, int from, int to) {
        if (to - from < 4) {
            return 0;
        }
        int middle = (from + to) / 2;
        return Math.abs(median(x, middle, to) - median(x, from, middle));
    }

    /** The median of x[from, to); NaN for no values. */
    static double median(double[] x, int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOfRange(x, from, to);
        Arrays.sort(sorted);
        int m = sorted.length;
        return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    }

    /** Population standard deviation, as Otava reports it. */
    private static double spread(double[] x, int from, int to) {
        return to - from < 2 ? 0.0 : PairwiseSum.populationStd(x, from, to, PairwiseSum.mean(x, from, to));
    }
}
