package dev.tarkka.detection;

import org.apache.commons.math3.special.Beta;

/**
 * Student's two-sample t-test with pooled variance, fed population standard deviations, exactly as Otava calls
 * scipy's {@code ttest_ind_from_stats} (spec §8). The ddof quirk is deliberate: the reference does it.
 */
final class TTest {

    /** Accuracy of the incomplete beta; spec §13 measured it at ≤ 7.5e-12 relative to scipy. */
    private static final double BETA_EPSILON = 1e-15;

    private TTest() {
    }

    /** Compares x[start, split) with x[split, end); both sides must be non-empty. */
    static SegmentComparison compare(double[] x, int start, int split, int end) {
        int n1 = split - start;
        int n2 = end - split;
        double m1 = PairwiseSum.mean(x, start, split);
        double m2 = PairwiseSum.mean(x, split, end);
        double s1 = n1 >= 2 ? PairwiseSum.populationStd(x, start, split, m1) : 0.0;
        double s2 = n2 >= 2 ? PairwiseSum.populationStd(x, split, end, m2) : 0.0;
        double p = n1 + n2 > 2 ? pvalue(m1, m2, s1, s2, n1, n2) : 1.0;
        return new SegmentComparison(m1, m2, s1, s2, p);
    }

    private static double pvalue(double m1, double m2, double s1, double s2, int n1, int n2) {
        // Same operation order as scipy: the standard deviations are squared again, 1/n1 + 1/n2 is formed first.
        double v1 = s1 * s1;
        double v2 = s2 * s2;
        double df = n1 + n2 - 2;
        double pooledVariance = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
        double denominator = Math.sqrt(pooledVariance * (1.0 / n1 + 1.0 / n2));
        double t = (m1 - m2) / denominator; // ±inf for two different constants, NaN for two equal ones
        return twoSidedPvalue(t, df);
    }

    /** 2·T_df(−|t|) = I_{df/(df+t²)}(df/2, ½). */
    static double twoSidedPvalue(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        double x = df / (df + t * t);
        return Beta.regularizedBeta(x, df / 2, 0.5, BETA_EPSILON, Integer.MAX_VALUE);
    }
}
