package dev.tarkka.detection;

import org.apache.commons.math3.special.Erf;

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
 *       at p &lt; {@value #MAX_PVALUE}, which the exact rank test reaches with three runs on a clear shift. The last
 *       change point gets looser looks when 3, 4 and {@value #NEWEST_RUNS} runs follow it ({@link #NEWEST_PVALUES},
 *       up to p &lt; 0.03; the window search proposes it at p &lt; {@value #OPEN_WINDOW_PVALUE} where the end of the
 *       series cuts a window short), and the bar then tightens back over {@value #TIGHTENING_RUNS} runs; the last
 *       run does not count when it is a spike (further from the new level than the new level is from the old).</li>
 *   <li><b>A step beyond the trend.</b> With at least {@value #TREND_MIN_RUNS} runs on each side, a change must
 *       also stand out from a trend common to both sides ({@link #stepBeyondTrendPvalue}), so a slow drift over
 *       many runs is not read as a change.</li>
 *   <li><b>A step, not a slope.</b> The levels are the medians of up to {@value #LEVEL_RUNS} runs on each side; they
 *       must differ by more than {@value #MIN_MAGNITUDE} relative and by more than the level moves within either
 *       side (a side of at least {@value #DRIFT_MIN_RUNS} runs), so slow drift and trends are not cut into
 *       stairs.</li>
 * </ul>
 */
final class TarkkaPreset {

    /** Points per window of the split step (half-overlapping, as in Otava). */
    static final int WINDOW = 50;
    /** Significance of a split inside a window. */
    static final double WINDOW_PVALUE = 1e-3;
    /**
     * ... inside a window that the end of the series cuts short: only a proposal, which the merge's looks at the
     * newest runs then judge; a change the window does not propose is never looked at.
     */
    static final double OPEN_WINDOW_PVALUE = 4e-2;
    /** Fewest runs on either side of a change point. */
    static final int MIN_SEGMENT = 3;
    /** Significance of a change point in the merge step. */
    static final double MAX_PVALUE = 1e-4;
    /** A change this close to the end of the series is among the newest runs. */
    static final int NEWEST_RUNS = 5;
    /**
     * The significance the last change point needs with 3, 4 and {@value #NEWEST_RUNS} runs after it: one look per
     * run, loosest where the rank test sees the most runs. Spread this way the allowed false alarms report more
     * shifts within {@value #NEWEST_RUNS} runs than spent on the fifth run alone.
     */
    static final double[] NEWEST_PVALUES = {2e-3, 1.5e-2, 3e-2};
    /**
     * Over this many further runs the significance needed tightens geometrically from the fifth run's to
     * {@link #MAX_PVALUE}: every run of the schedule is another look at the same position, with false alarms of
     * its own, and a change that is real has mostly been reported by then.
     */
    static final int TIGHTENING_RUNS = 3;
    /** A last change point with fewer runs than this after it may be moved by one run ({@link #placeLast}). */
    static final int PLACED_RUNS = 15;
    /** At most this many runs on each side enter the rank test. */
    static final int COMPARED_RUNS = 100;
    /** The level on each side is the median of at most this many runs next to the change. */
    static final int LEVEL_RUNS = 10;
    /** Smallest relative difference of the two levels. */
    static final double MIN_MAGNITUDE = 0.01;
    /**
     * Both sides need this many runs before a change must also stand out from the trend within them: from fewer the
     * slope is too uncertain to leave a test any power, and the looks at the newest runs keep theirs.
     */
    static final int TREND_MIN_RUNS = 30;
    /** A side with fewer runs than this shows no drift: halves of two runs are too noisy (and a spike moves them). */
    static final int DRIFT_MIN_RUNS = 6;

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
        int from = Math.max(start, split - COMPARED_RUNS);
        int to = Math.min(end, split + COMPARED_RUNS);
        double pvalue = split - start < MIN_SEGMENT || end - split < MIN_SEGMENT ? 1.0
                : pvalue(x, from, split, to);
        return new SegmentComparison(before, after, spread(x, levelFrom, split), spread(x, split, levelTo), pvalue);
    }

    /**
     * The rank-sum p-value of x[from, split) against x[split, to); when both sides have at least
     * {@value #TREND_MIN_RUNS} runs, the larger of it and {@link #stepBeyondTrendPvalue}: in a series that drifts every
     * later run lies above the earlier ones, which the rank test alone reads as a change.
     */
    static double pvalue(double[] x, int from, int split, int to) {
        double[] ranks = new double[to - from];
        double[] sorted = Ranks.midRanks(x, from, to, ranks);
        double pvalue = RankSumTest.pvalue(ranks, sorted, split - from);
        if (split - from < TREND_MIN_RUNS || to - split < TREND_MIN_RUNS || !(pvalue < 1)) {
            return pvalue;
        }
        return Math.max(pvalue, stepBeyondTrendPvalue(ranks, split - from));
    }

    /**
     * Whether the sides, the first {@code n1} of the runs' mid-ranks and the rest, differ by more than a trend common
     * to both explains (a rank-transform analysis of covariance, so spikes and heavy tails weigh no more than in the
     * rank test): each side gets a line with the same slope, fitted within the sides, and the gap between the lines at
     * the split is tested against its standard error, the slope's uncertainty included (normal approximation). The
     * search picks the split where the runs happen to jump, which makes the sides look flatter than the series is;
     * without that uncertainty the test would still read most drifts as changes.
     */
    static double stepBeyondTrendPvalue(double[] ranks, int n1) {
        int n = ranks.length;
        double[] centre = {(n1 - 1) / 2.0, n1 + (n - n1 - 1) / 2.0}; // mean position of each side
        double[] level = {PairwiseSum.mean(ranks, 0, n1), PairwiseSum.mean(ranks, n1, n)};
        double positionSquares = 0;
        double products = 0;
        for (int i = 0; i < n; i++) {
            int side = i < n1 ? 0 : 1;
            positionSquares += (i - centre[side]) * (i - centre[side]);
            products += (i - centre[side]) * (ranks[i] - level[side]);
        }
        double slope = products / positionSquares;
        double residualSquares = 0;
        for (int i = 0; i < n; i++) {
            int side = i < n1 ? 0 : 1;
            double residual = ranks[i] - level[side] - slope * (i - centre[side]);
            residualSquares += residual * residual;
        }
        double distance = centre[1] - centre[0];
        double gap = level[1] - level[0] - slope * distance;
        double error = Math.sqrt(residualSquares / (n - 3)
                * (1.0 / n1 + 1.0 / (n - n1) + distance * distance / positionSquares));
        return error > 0 ? Erf.erfc(Math.abs(gap / error) / Math.sqrt(2)) : 1.0;
    }

    /**
     * The weak points with the last one moved by one run when that fits the runs around it better: the rank search
     * can put a split one run early when the run before a shift happens to be extreme, and at the end of the series
     * that run would then count as one of the few after the change. Only a last point with fewer than
     * {@value #PLACED_RUNS} runs after it moves; the fit is the sum of absolute deviations from the median of each
     * side, over the {@value #LEVEL_RUNS} runs before and all runs after.
     */
    static int[] placeLast(double[] x, int[] weak) {
        int k = weak.length - 1;
        if (k < 0) {
            return weak;
        }
        int n = x.length;
        int p = weak[k];
        if (n - p >= PLACED_RUNS) {
            return weak;
        }
        int before = k == 0 ? 0 : weak[k - 1];
        int from = Math.max(before, p - LEVEL_RUNS - 1);
        int best = p;
        double bestCost = l1(x, from, p, n);
        for (int q = p - 1; q <= p + 1; q += 2) {
            if (q - before < MIN_SEGMENT || n - q < MIN_SEGMENT) {
                continue;
            }
            double cost = l1(x, from, q, n);
            if (cost < bestCost) {
                bestCost = cost;
                best = q;
            }
        }
        if (best == p) {
            return weak;
        }
        int[] result = weak.clone();
        result[k] = best;
        return result;
    }

    /** Σ|x − median| of x[from, split) and of x[split, to). */
    private static double l1(double[] x, int from, int split, int to) {
        double left = median(x, from, split);
        double right = median(x, split, to);
        double cost = 0;
        for (int i = from; i < split; i++) {
            cost += Math.abs(x[i] - left);
        }
        for (int i = split; i < to; i++) {
            cost += Math.abs(x[i] - right);
        }
        return cost;
    }

    /** Whether a change at {@code index} is among the newest runs of a series of {@code n}. */
    static boolean isNewest(int index, int n) {
        return n - index <= NEWEST_RUNS;
    }

    /**
     * The significance a change point at {@code index} needs in a series of {@code n} values whose next point is
     * {@code next}: {@link #MAX_PVALUE}, except for the last change point with 3 to {@value #NEWEST_RUNS} runs after
     * it ({@link #NEWEST_PVALUES}) and with the {@value #TIGHTENING_RUNS} runs after that (tightening geometrically
     * to {@link #MAX_PVALUE}).
     */
    static double requiredPvalue(int index, int next, int n) {
        int runsAfter = n - index;
        int look = runsAfter - (NEWEST_RUNS + 1 - NEWEST_PVALUES.length); // 0 with 3 runs after
        if (next != n || look < 0 || runsAfter >= NEWEST_RUNS + TIGHTENING_RUNS) {
            return MAX_PVALUE;
        }
        if (runsAfter <= NEWEST_RUNS) {
            return NEWEST_PVALUES[look];
        }
        double fifth = NEWEST_PVALUES[NEWEST_PVALUES.length - 1];
        return fifth * StrictMath.pow(MAX_PVALUE / fifth, (runsAfter - NEWEST_RUNS) / (double) TIGHTENING_RUNS);
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

    /** |median of the second half − median of the first half| of x[from, to); 0 below {@value #DRIFT_MIN_RUNS} runs. */
    private static double drift(double[] x, int from, int to) {
        if (to - from < DRIFT_MIN_RUNS) {
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
