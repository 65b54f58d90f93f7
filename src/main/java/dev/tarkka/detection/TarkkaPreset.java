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
 *   <li><b>A step beyond the trend.</b> A change must also stand out from the trend within its sides
 *       ({@link #pvalue}): with at least {@value #TREND_MIN_RUNS} runs on each side from a trend common to both
 *       fitted on the ranks (or on the values when their slope is as significant as a change must be), so a slow
 *       drift over many runs is not read as a change; with fewer, from a clear slope of the values, so a steep trend
 *       is not cut into stairs.</li>
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
     * Both sides need this many runs before a change must also stand out from the trend fitted on their ranks
     * ({@link #rankTrendPvalue}): from fewer that slope is too uncertain to leave the test any power.
     */
    static final int TREND_MIN_RUNS = 30;
    /**
     * With a side shorter than {@value #TREND_MIN_RUNS} runs, a slope of the values within the sides is clear at this
     * significance, and a change must then stand out from it ({@link #slopeResidualPvalue}).
     */
    static final double SLOPE_PVALUE = 0.01;
    /** From this many values on, {@link #medianInPlace} selects among the values a sample brackets. */
    private static final int SAMPLED_SELECTION = 2048;
    /** Its sample size, and how many sample values on each side of the sample's middle bracket the median. */
    private static final int SAMPLE = 256;
    private static final int SAMPLE_MARGIN = 24;
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
                : pvalue(x, from, split, to, after - before);
        return new SegmentComparison(before, after, spread(x, levelFrom, split), spread(x, split, levelTo), pvalue);
    }

    /**
     * The rank-sum p-value of x[from, split) against x[split, to), or how significant the step is beyond the trend
     * within the sides when that is larger: in a series that drifts every later run lies above the earlier ones, which
     * the rank test alone reads as a change. {@code step} is the difference of the levels across the split (those of
     * {@link #compare}), whose direction a slope must share to explain it.
     * <ul>
     *   <li>With at least {@value #TREND_MIN_RUNS} runs on each side the step beyond the trend is the rank-transform
     *       analysis of covariance ({@link #rankTrendPvalue}). The ranks of a steep trend with a step on top lie on
     *       one line, though, so when the slope of the values is as significant as a change must be
     *       ({@value #MAX_PVALUE}, which a steep trend always is and a gentle drift seldom), the test against that
     *       slope ({@link #slopeResidualPvalue}) counts instead if it is smaller.</li>
     *   <li>With fewer runs the rank analysis has no power left, and the test against the slope of the values counts
     *       whenever the slope is clear at {@value #SLOPE_PVALUE}: the split search cuts a steep trend into pieces
     *       this short, and every cut passes the rank test.</li>
     * </ul>
     */
    static double pvalue(double[] x, int from, int split, int to, double step) {
        double[] ranks = new double[to - from];
        double[] sorted = Ranks.midRanks(x, from, to, ranks);
        double pvalue = RankSumTest.pvalue(ranks, sorted, split - from);
        if (!(pvalue < 1)) {
            return pvalue;
        }
        if (split - from < TREND_MIN_RUNS || to - split < TREND_MIN_RUNS) {
            double slope = slopeResidualPvalue(x, from, split, to, step, SLOPE_PVALUE);
            return Double.isNaN(slope) ? pvalue : Math.max(pvalue, slope);
        }
        double ranked = rankTrendPvalue(ranks, split - from);
        if (ranked <= pvalue) {
            return pvalue; // the slope test could only lower it
        }
        double slope = slopeResidualPvalue(x, from, split, to, step, MAX_PVALUE);
        return Math.max(pvalue, Double.isNaN(slope) ? ranked : Math.min(ranked, slope));
    }

    /**
     * When the runs within the sides rise or fall in the direction of {@code step} (Mann–Kendall, pairs within a side
     * only, p &lt; {@code slopePvalue}), the rank-sum p-value of the runs less that slope (Theil–Sen: the median
     * slope of the same pairs, robust to spikes like the ranks); NaN when the slope is not that clear. The pieces a
     * steep trend is cut into keep rising within, so the slope is clear even from a few runs.
     */
    static double slopeResidualPvalue(double[] x, int from, int split, int to, double step, double slopePvalue) {
        int[][] sides = {{from, split}, {split, to}};
        double kendall = 0;
        double kendallVariance = 0;
        int pairs = 0;
        for (int[] side : sides) {
            kendall += kendallScore(x, side[0], side[1]);
            double m = side[1] - side[0];
            kendallVariance += m * (m - 1) * (2 * m + 5) / 18; // without the correction for ties: conservative
            pairs += (int) (m * (m - 1) / 2);
        }
        double z = kendall / Math.sqrt(kendallVariance);
        if (!(z * step > 0) || Erf.erfc(Math.abs(z) / Math.sqrt(2)) >= slopePvalue) {
            return Double.NaN;
        }
        double[] slopes = new double[pairs];
        int k = 0;
        for (int[] side : sides) {
            for (int i = side[0]; i < side[1]; i++) {
                for (int j = i + 1; j < side[1]; j++) {
                    slopes[k++] = (x[j] - x[i]) / (j - i);
                }
            }
        }
        double slope = medianInPlace(slopes);
        double[] residuals = new double[to - from];
        for (int i = from; i < to; i++) {
            residuals[i - from] = x[i] - slope * (i - from);
        }
        return RankSumTest.pvalue(residuals, 0, split - from, to - from);
    }

    /**
     * Whether the sides, the first {@code n1} of the runs' mid-ranks and the rest, differ by more than a trend common
     * to both explains (a rank-transform analysis of covariance, so spikes and heavy tails weigh no more than in the
     * rank test): each side gets a line with the same slope, fitted within the sides, and the gap between the lines at
     * the split is tested against its standard error, the slope's uncertainty included (normal approximation). The
     * search picks the split where the runs happen to jump, which makes the sides look flatter than the series is;
     * without that uncertainty the test would still read most drifts as changes.
     */
    static double rankTrendPvalue(double[] ranks, int n1) {
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

    /**
     * Kendall's score of x[from, to) against time, Σ sign(x[j] − x[i]) over i &lt; j: the pairs that rise less those
     * that fall, counted as the inversions a merge sort undoes (Knight's method) instead of pair by pair.
     */
    static long kendallScore(double[] x, int from, int to) {
        double[] values = Arrays.copyOfRange(x, from, to);
        long falling = sortCountingInversions(values, new double[values.length], 0, values.length);
        long tied = 0;
        for (int i = 0; i < values.length; ) {
            int j = i;
            while (j + 1 < values.length && values[j + 1] == values[i]) {
                j++;
            }
            long t = j - i + 1;
            tied += t * (t - 1) / 2;
            i = j + 1;
        }
        long m = values.length;
        return m * (m - 1) / 2 - tied - 2 * falling;
    }

    /** Sorts values[from, to) and returns how many pairs in it were in strictly decreasing order. */
    private static long sortCountingInversions(double[] values, double[] buffer, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int middle = (from + to) >>> 1;
        long inversions = sortCountingInversions(values, buffer, from, middle)
                + sortCountingInversions(values, buffer, middle, to);
        int i = from;
        int j = middle;
        int k = from;
        while (i < middle && j < to) {
            if (values[j] < values[i]) {
                inversions += middle - i; // the right value falls below every left value still waiting
                buffer[k++] = values[j++];
            } else {
                buffer[k++] = values[i++];
            }
        }
        while (i < middle) {
            buffer[k++] = values[i++];
        }
        while (j < to) {
            buffer[k++] = values[j++];
        }
        System.arraycopy(buffer, from, values, from, to - from);
        return inversions;
    }

    /**
     * The median of the values, as {@link #median} gives it, found by selection in linear time on average (it
     * reorders them): there are up to ten thousand slopes per test. Above {@value #SAMPLED_SELECTION} values, the
     * quantiles of a regular sample around its middle bracket the median; only the values between them are selected
     * from, unless the bracket missed (then all are).
     */
    static double medianInPlace(double[] values) {
        int m = values.length;
        int middle = m / 2;
        int lowest = m % 2 == 1 ? middle : middle - 1; // the lower of the two middle values when m is even
        int length = m;
        int offset = 0;
        if (m >= SAMPLED_SELECTION) {
            int step = m / SAMPLE;
            double[] sample = new double[SAMPLE];
            for (int i = 0; i < SAMPLE; i++) {
                sample[i] = values[i * step];
            }
            Arrays.sort(sample);
            double low = sample[SAMPLE / 2 - SAMPLE_MARGIN];
            double high = sample[SAMPLE / 2 + SAMPLE_MARGIN];
            int below = 0;
            int notAbove = 0;
            for (double value : values) { // without branches: which way a value goes is a coin toss
                below += value < low ? 1 : 0;
                notAbove += value <= high ? 1 : 0;
            }
            if (below <= lowest && notAbove > middle) { // bracketed: keep only the values between
                length = 0;
                for (int i = 0; i < m; i++) {
                    double value = values[i];
                    values[length] = value; // never ahead of i
                    length += value >= low & value <= high ? 1 : 0;
                }
                offset = below;
            }
        }
        double upper = select(values, length, middle - offset);
        if (lowest == middle) {
            return upper;
        }
        double lower = values[0]; // selection leaves the smaller values before the middle
        for (int i = 1; i < middle - offset; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (lower + upper) / 2;
    }

    /**
     * Reorders values[0, length) so that the {@code k}-th smallest is at {@code k}, none after it smaller and none
     * before it larger, and returns it (quickselect with a median-of-three pivot; after too many rounds the rest is
     * sorted, so no input makes it quadratic).
     */
    private static double select(double[] values, int length, int k) {
        int low = 0;
        int high = length - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(length));
        while (low < high) {
            if (rounds-- == 0) {
                Arrays.sort(values, low, high + 1);
                break;
            }
            double pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high]);
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                break;
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Population standard deviation, as Otava reports it. */
    private static double spread(double[] x, int from, int to) {
        return to - from < 2 ? 0.0 : PairwiseSum.populationStd(x, from, to, PairwiseSum.mean(x, from, to));
    }
}
