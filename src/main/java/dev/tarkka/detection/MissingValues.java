package dev.tarkka.detection;

import java.util.Arrays;

/**
 * Fills missing values the way Otava prepares a series (spec §3).
 */
public final class MissingValues {

    private MissingValues() {
    }

    /**
     * Every {@code null} takes the nearest earlier non-null value; leading nulls take the first non-null value.
     * NaN is a value, not a gap: it is kept and propagates through the analysis (spec §14).
     *
     * <p>A series with no non-null value at all has nothing to fill from (the reference leaves it undefined); it
     * becomes all NaN, which the analysis answers with no change points.
     */
    public static double[] fill(Double[] values) {
        double[] filled = new double[values.length];
        int firstPresent = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                firstPresent = i;
                break;
            }
        }
        if (firstPresent < 0) {
            Arrays.fill(filled, Double.NaN);
            return filled;
        }
        double last = values[firstPresent];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                last = values[i];
            }
            filled[i] = last;
        }
        return filled;
    }
}
