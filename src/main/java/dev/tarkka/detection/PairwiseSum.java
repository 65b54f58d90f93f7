package dev.tarkka.detection;

/**
 * Sums exactly as numpy adds a contiguous float64 array (spec §13): pairwise, with blocks of 8 accumulators
 * and leaves of at most 128 elements. Means and standard deviations must be bit-identical to numpy's, otherwise
 * "constant" segments get a tiny non-zero spread and report strings differ in the last decimal.
 */
final class PairwiseSum {

    private static final int UNROLL = 8;
    private static final int LEAF = 128;

    private PairwiseSum() {
    }

    /** numpy's {@code np.mean(x[from:to])}. */
    static double mean(double[] x, int from, int to) {
        return sum(x, from, to - from, 0.0, false) / (to - from);
    }

    /** numpy's {@code np.std(x[from:to])} (ddof 0) around a mean computed by {@link #mean}. */
    static double populationStd(double[] x, int from, int to, double mean) {
        return Math.sqrt(sum(x, from, to - from, mean, true) / (to - from));
    }

    /** numpy's {@code np.sum(x[from:to])}. */
    static double sum(double[] x, int from, int to) {
        return sum(x, from, to - from, 0.0, false);
    }

    /**
     * Pairwise sum of {@code n} terms starting at {@code from}. A term is either the value itself or, for the
     * standard deviation, its squared deviation from {@code center}: numpy forms that array first, then sums it.
     */
    private static double sum(double[] x, int from, int n, double center, boolean squaredDeviations) {
        if (n < UNROLL) {
            double sum = 0.0;
            for (int i = from; i < from + n; i++) {
                sum += term(x, i, center, squaredDeviations);
            }
            return sum;
        }
        if (n <= LEAF) {
            double r0 = term(x, from, center, squaredDeviations);
            double r1 = term(x, from + 1, center, squaredDeviations);
            double r2 = term(x, from + 2, center, squaredDeviations);
            double r3 = term(x, from + 3, center, squaredDeviations);
            double r4 = term(x, from + 4, center, squaredDeviations);
            double r5 = term(x, from + 5, center, squaredDeviations);
            double r6 = term(x, from + 6, center, squaredDeviations);
            double r7 = term(x, from + 7, center, squaredDeviations);
            int blocksEnd = from + n - n % UNROLL;
            int i = from + UNROLL;
            for (; i < blocksEnd; i += UNROLL) {
                r0 += term(x, i, center, squaredDeviations);
                r1 += term(x, i + 1, center, squaredDeviations);
                r2 += term(x, i + 2, center, squaredDeviations);
                r3 += term(x, i + 3, center, squaredDeviations);
                r4 += term(x, i + 4, center, squaredDeviations);
                r5 += term(x, i + 5, center, squaredDeviations);
                r6 += term(x, i + 6, center, squaredDeviations);
                r7 += term(x, i + 7, center, squaredDeviations);
            }
            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < from + n; i++) {
                sum += term(x, i, center, squaredDeviations);
            }
            return sum;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return sum(x, from, half, center, squaredDeviations)
                + sum(x, from + half, n - half, center, squaredDeviations);
    }

    private static double term(double[] x, int i, double center, boolean squaredDeviation) {
        if (!squaredDeviation) {
            return x[i];
        }
        double deviation = x[i] - center;
        return deviation * deviation;
    }
}
