package dev.tarkka.detection;

import org.apache.commons.math3.special.Erf;

import java.util.Arrays;

/**
 * The Mann–Whitney rank-sum test of two adjacent runs of a series, x[start, split) against x[split, end), two-sided.
 *
 * <p>It only asks whether one side tends to lie above the other, so its p-value holds for any distribution of the
 * noise: heavy tails, skew, two machine states and single-run spikes do not make it over-confident the way they make
 * a t-test. Ties (quantized values) get mid-ranks. When the smaller side has at most {@value #EXACT_MAX_SIZE} points the
 * p-value is exact (the null distribution of U, counted), otherwise the normal approximation with the tie and
 * continuity corrections.
 */
final class RankSumTest {

    /** Up to this many points on the smaller side, the p-value is counted exactly. */
    static final int EXACT_MAX_SIZE = 8;
    /** ... and up to this many on the larger, which keeps the counts below 2^63. */
    private static final int EXACT_MAX_OTHER_SIZE = 500;

    private RankSumTest() {
    }

    /**
     * The two-sided p-value; 1 when a side is empty or all values are equal, NaN when a value is NaN.
     */
    static double pvalue(double[] x, int start, int split, int end) {
        double[] ranks = new double[end - start];
        double[] sorted = Ranks.midRanks(x, start, end, ranks);
        return pvalue(ranks, sorted, split - start);
    }

    /**
     * The same test on runs already ranked ({@link Ranks#midRanks}): their mid-ranks in order, their values sorted,
     * and the size of the first side. A caller that needs the ranks for more than this test ranks once.
     */
    static double pvalue(double[] ranks, double[] sorted, int n1) {
        int n = ranks.length;
        int n2 = n - n1;
        if (n1 == 0 || n2 == 0) {
            return 1.0;
        }
        if (Double.isNaN(sorted[n - 1])) { // sorting puts NaN last
            return Double.NaN;
        }
        double rankSumFirst = 0;
        for (int i = 0; i < n1; i++) {
            rankSumFirst += ranks[i];
        }
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumFirst - n1 * (n1 + 1) / 2.0;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (!(variance > 0)) {
            return 1.0;
        }
        if (Math.min(n1, n2) <= EXACT_MAX_SIZE && Math.max(n1, n2) <= EXACT_MAX_OTHER_SIZE) {
            return exactPvalue(u, n1, n2);
        }
        double z = Math.max(0, Math.abs(u - n1 * (double) n2 / 2) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, Erf.erfc(z / Math.sqrt(2)));
    }

    /**
     * Two-sided exact p-value of U = u for sides of n1 and n2 points, from the number of orders of the ranks giving
     * each value of U. The distribution is symmetric about n1·n2/2, so the p-value is twice the upper tail from the
     * larger of u and n1·n2 − u; a mid-rank U between two integers is rounded down, which keeps the p-value
     * conservative under ties.
     */
    static double exactPvalue(double u, int n1, int n2) {
        int max = n1 * n2;
        int upper = (int) Math.floor(Math.max(u, max - u) + 1e-9);
        long[] counts = arrangementsByU(Math.min(n1, n2), Math.max(n1, n2));
        long total = 0;
        long tail = 0;
        for (int k = 0; k <= max; k++) {
            total += counts[k];
            if (k >= upper) {
                tail += counts[k];
            }
        }
        return Math.min(1.0, 2.0 * tail / total);
    }

    /**
     * counts[k]: in how many of the C(a+b, a) orders of two samples of a and b points U equals k. These are the
     * coefficients of the Gaussian binomial [a+b choose a] = ∏_{i=1..a} (1 − q^(b+i)) / (1 − q^i), built one factor
     * at a time; every partial product is again a polynomial with whole coefficients.
     */
    static long[] arrangementsByU(int a, int b) {
        long[] poly = new long[a * b + b + a + 1];
        poly[0] = 1;
        int degree = 0;
        for (int i = 1; i <= a; i++) {
            int shift = b + i;
            for (int k = degree; k >= 0; k--) {
                poly[k + shift] -= poly[k];
            }
            degree += shift;
            for (int k = i; k <= degree; k++) {
                poly[k] += poly[k - i];
            }
            degree -= i;
        }
        return Arrays.copyOf(poly, a * b + 1);
    }
}
