package dev.tarkka.detection;

/**
 * Parameters of one change-point analysis (spec §2).
 *
 * @param windowLen    points per window of the split step, at least 2
 * @param maxPvalue    significance level P of the final change points (the window search uses a relaxed level, spec §4)
 * @param minMagnitude minimum relative change M kept by the merge step
 * @param algorithm    candidate search variant, or the tarkka preset, which has its own window, p-values and
 *                     magnitude and ignores the three above
 */
public record DetectionOptions(int windowLen, double maxPvalue, double minMagnitude, Algorithm algorithm) {

    /** What Nyrkiö uses: window 50, p 0.001, magnitude 0.05, with current Otava's candidate search. */
    public static final DetectionOptions NYRKIO_DEFAULTS = new DetectionOptions(50, 0.001, 0.05, Algorithm.OTAVA);

    public DetectionOptions {
        if (windowLen < 2) {
            throw new IllegalArgumentException("window_len must be at least 2, got " + windowLen);
        }
        if (Double.isNaN(maxPvalue) || maxPvalue < 0) {
            throw new IllegalArgumentException("max_pvalue must be a non-negative number, got " + maxPvalue);
        }
        if (Double.isNaN(minMagnitude) || minMagnitude < 0) {
            throw new IllegalArgumentException("min_magnitude must be a non-negative number, got " + minMagnitude);
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm must not be null");
        }
    }

    /** The same options with another algorithm. */
    public DetectionOptions withAlgorithm(Algorithm other) {
        return new DetectionOptions(windowLen, maxPvalue, minMagnitude, other);
    }

    /**
     * The relaxed level P1 of the window search (spec §4): 10·P below 0.05, 2·P below 0.5, else P.
     */
    double windowPvalue() {
        if (maxPvalue < 0.05) {
            return maxPvalue * 10;
        }
        return maxPvalue < 0.5 ? maxPvalue * 2 : maxPvalue;
    }
}
