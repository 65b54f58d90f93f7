package dev.tarkka.detection;

/**
 * The coefficients of the within-X and within-Y terms of Otava's q̂ (spec §5.4): each is one division of two
 * integers that depend only on the cell (i, j) of the segment. They dominated the search, so those of segments up
 * to {@value #TABULATED} + 1 points (every window of the default W = 50) are computed once.
 */
final class QhatCoefficients {

    private static final int TABULATED = 128;
    private static final double[] WITHIN_X = new double[TABULATED * TABULATED];
    private static final double[] WITHIN_Y = new double[TABULATED * TABULATED];

    static {
        for (int j = 0; j < TABULATED; j++) {
            for (int i = 1; i <= j; i++) {
                WITHIN_X[j * TABULATED + i] = computeWithinX(i, j);
            }
            for (int i = 0; i < j; i++) {
                WITHIN_Y[j * TABULATED + i] = computeWithinY(i, j);
            }
        }
    }

    private QhatCoefficients() {
    }

    /** 2(j−i+1) ÷ ((j+2)·i), for 1 ≤ i ≤ j. */
    static double withinX(int i, int j) {
        return j < TABULATED ? WITHIN_X[j * TABULATED + i] : computeWithinX(i, j);
    }

    /** 2(i+1) ÷ ((j+2)(j−i)), for 0 ≤ i < j. */
    static double withinY(int i, int j) {
        return j < TABULATED ? WITHIN_Y[j * TABULATED + i] : computeWithinY(i, j);
    }

    private static double computeWithinX(int i, int j) {
        return (double) (2L * (j - i + 1)) / (double) ((long) (j + 2) * i);
    }

    private static double computeWithinY(int i, int j) {
        return (double) (2L * (i + 1)) / (double) ((long) (j + 2) * (j - i));
    }
}
