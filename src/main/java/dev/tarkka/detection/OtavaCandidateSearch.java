package dev.tarkka.detection;

import java.util.Arrays;

/**
 * Current Apache Otava: the split τ of a segment [s, e) maximises q̂(τ, κ) over τ and the end κ of the second
 * part, s < τ < κ ≤ e (spec §5.2). κ only chooses τ; the significance test always uses the whole segment.
 *
 * <p>The arithmetic follows the library's prefix-sum tables term by term (spec §5.4), because the reference data
 * contain rounding-noise ties that only this order breaks the same way. Instead of the window's (N−1)² tables the
 * search walks the columns κ one at a time and keeps O(N) running sums, so a large window never needs a
 * quadratic amount of memory.
 */
final class OtavaCandidateSearch implements CandidateSearch {

    /** cumV[i]: running sum of the restricted column sums Vs[0..i] (within-X distances, spec §5.4). */
    private double[] cumulativeColumnSums;
    /** H[r][c] of the current column c for each row r of the segment: |w_r − w_{r+1}| + … + |w_r − w_c|. */
    private double[] rowRunningSums;
    /** RH[i] of the current column: H[s+i+1][c] + … + H[s+j][c], added bottom-up. */
    private double[] lowerRowSums;

    OtavaCandidateSearch(int windowLen) {
        allocate(Math.min(windowLen, 1024));
    }

    @Override
    public Candidate find(double[] x, int windowStart, int from, int to) {
        int length = to - from;
        if (length < 2) {
            return null; // one-point segments are never split (spec §5.2)
        }
        if (length > rowRunningSums.length) {
            allocate(length);
        }
        accumulateRestrictedColumnSums(x, windowStart, from, to);
        Arrays.fill(rowRunningSums, 0, length, 0.0);

        int bestRow = -1;
        int bestColumn = -1;
        double bestQhat = Double.NaN;
        // Column j is κ = s+2+j; its last point is c = s+1+j. Row i is τ = s+1+i, valid for i ≤ j.
        for (int j = 0; j < length - 1; j++) {
            int c = from + 1 + j;
            for (int r = from; r < c; r++) {
                rowRunningSums[r - from] += Math.abs(x[r] - x[c]);
            }
            lowerRowSums[j] = 0.0;
            for (int i = j - 1; i >= 0; i--) {
                lowerRowSums[i] = lowerRowSums[i + 1] + rowRunningSums[i + 1];
            }
            double upperRowSum = 0.0; // CH[i][j], added top-down
            for (int i = 0; i <= j; i++) {
                upperRowSum = i == 0 ? rowRunningSums[0] : upperRowSum + rowRunningSums[i];
                double qhat = qhat(i, j, upperRowSum);
                // Only ties and NaN need the full argmax rule; plain comparisons settle everything else.
                if (qhat > bestQhat || !(qhat < bestQhat) && beats(qhat, i, j, bestQhat, bestRow, bestColumn)) {
                    bestRow = i;
                    bestColumn = j;
                    bestQhat = qhat;
                }
            }
        }
        return new Candidate(from + 1 + bestRow, bestQhat);
    }

    /**
     * Vs[k] = V[t] − (D[w0][t] + … + D[s−1][t]) for t = s+1+k: the window's column sum minus its part above the
     * segment, a difference rather than a fresh sum (spec §5.4). Both are the same top-down accumulation, so the
     * subtrahend is the partial sum reached at row s.
     */
    private void accumulateRestrictedColumnSums(double[] x, int windowStart, int from, int to) {
        for (int k = 0; k < to - from - 1; k++) {
            int t = from + 1 + k;
            double column = 0.0;
            double aboveSegment = 0.0;
            for (int r = windowStart; r < t; r++) {
                if (r == from) {
                    aboveSegment = column;
                }
                column += Math.abs(x[r] - x[t]);
            }
            double restricted = column - aboveSegment;
            cumulativeColumnSums[k] = k == 0 ? restricted : cumulativeColumnSums[k - 1] + restricted;
        }
    }

    /** q̂ = (A − B) − C for τ = s+1+i and κ = s+2+j, with the coefficients formed as in spec §5.4. */
    private double qhat(int i, int j, double upperRowSum) {
        double withinX = i >= 1 ? cumulativeColumnSums[i - 1] : 0.0;
        double cross = (2.0 / (j + 2)) * (upperRowSum - withinX);
        double xTerm = i >= 1 ? QhatCoefficients.withinX(i, j) * withinX : 0.0;
        double yTerm = j > i ? QhatCoefficients.withinY(i, j) * lowerRowSums[i] : 0.0;
        return (cross - xTerm) - yTerm;
    }

    /**
     * numpy's row-major argmax over the (τ, κ) matrix, evaluated column by column: the first NaN wins, otherwise the
     * largest value, ties going to the smaller τ and then the smaller κ.
     */
    private static boolean beats(double qhat, int i, int j, double bestQhat, int bestRow, int bestColumn) {
        if (bestRow < 0) {
            return true;
        }
        boolean earlier = i < bestRow || (i == bestRow && j < bestColumn);
        if (Double.isNaN(bestQhat)) {
            return Double.isNaN(qhat) && earlier;
        }
        return Double.isNaN(qhat) || qhat > bestQhat || (qhat == bestQhat && earlier);
    }

    private void allocate(int capacity) {
        cumulativeColumnSums = new double[capacity];
        rowRunningSums = new double[capacity];
        lowerRowSums = new double[capacity];
    }
}
