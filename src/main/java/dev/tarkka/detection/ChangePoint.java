package dev.tarkka.detection;

/**
 * One change point with the statistics Otava reports (spec §11). With the {@code tarkka} preset the same fields
 * describe what it compared: the means are the medians of up to ten runs on each side of the change, the standard
 * deviations those of the same runs, and the p-value that of its rank-sum test; the percent change and magnitude are
 * computed from those medians as usual.
 *
 * @param index                position of the first point of the new regime (never 0)
 * @param meanBefore           mean of the segment before {@code index}
 * @param meanAfter            mean of the segment after {@code index} (possibly stale, spec §10)
 * @param stddevBefore         population standard deviation before; 0 for a single point
 * @param stddevAfter          population standard deviation after; 0 for a single point
 * @param pvalue               two-sided pooled t-test p-value (spec §8)
 * @param forwardChangePercent {@code 100 × (meanAfter / meanBefore − 1)}, 0 if {@code meanBefore == 0}
 * @param magnitude            {@code max(|after/before − 1|, |before/after − 1|)}, a term with a zero denominator counting as 0
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, double stddevBefore, double stddevAfter,
                          double pvalue, double forwardChangePercent, double magnitude) {

    /** Builds the change point at {@code index} from the comparison of its two neighbouring segments. */
    static ChangePoint of(int index, SegmentComparison comparison) {
        double before = comparison.meanBefore();
        double after = comparison.meanAfter();
        double forward = relativeChange(after, before);
        double backward = relativeChange(before, after);
        return new ChangePoint(index, before, after, comparison.stddevBefore(), comparison.stddevAfter(),
                comparison.pvalue(), forward * 100, pythonMax(Math.abs(forward), Math.abs(backward)));
    }

    private static double relativeChange(double to, double from) {
        return from == 0 ? 0.0 : to / from - 1;
    }

    /** Python's {@code max(a, b)}: keeps {@code a} unless {@code b} is strictly greater, so NaN only wins when first. */
    private static double pythonMax(double a, double b) {
        return b > a ? b : a;
    }
}
