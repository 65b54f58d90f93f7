package dev.tarkka.detection;

/**
 * Nyrkiö's hunter fork (MongoDB signal-processing-algorithms 1.3.4): κ is fixed at the segment end and τ runs
 * over s, s+1, …, e−1, where τ = s is a sentinel with q̂ = 0 meaning "do not split" (spec §5.3). The running
 * sums and their update order are those of the library's C calculator (spec §5.4).
 */
final class HunterCandidateSearch implements CandidateSearch {

    /** Σ_{c ≥ r} |y_r − y_c| of each row of the segment, added left to right. */
    private double[] rowSums;

    HunterCandidateSearch(int windowLen) {
        rowSums = new double[Math.min(windowLen, 1024)];
    }

    @Override
    public Candidate find(double[] x, int windowStart, int from, int to) {
        int length = to - from;
        if (length > rowSums.length) {
            rowSums = new double[length];
        }
        double withinY = 0.0;
        for (int r = from; r < to; r++) {
            double row = 0.0;
            for (int c = r; c < to; c++) {
                row += Math.abs(x[r] - x[c]);
            }
            rowSums[r - from] = row;
            withinY += row;
        }
        double cross = 0.0;
        double withinX = 0.0;
        int bestTau = 0;
        double bestQhat = Double.NaN;
        for (int tau = 0; tau < length; tau++) {
            double qhat = qhat(tau, length - tau, cross, withinX, withinY);
            if (tau == 0 || beats(qhat, bestQhat)) {
                bestTau = tau;
                bestQhat = qhat;
            }
            int point = from + tau;
            double column = 0.0;
            for (int r = from; r < point; r++) {
                column += Math.abs(x[r] - x[point]);
            }
            double row = rowSums[tau];
            cross = (cross - column) + row;
            withinX = withinX + column;
            withinY = withinY - row;
        }
        return new Candidate(from + bestTau, bestQhat);
    }

    /** q̂ for a first part of n points and a second part of m points (n may be 0: the sentinel). */
    private static double qhat(int n, int m, double cross, double withinX, double withinY) {
        double crossTerm = n == 0 ? 0.0 : cross * (2.0 / ((long) n * m));
        double xTerm = n < 2 ? 0.0 : withinX * (2.0 / ((long) n * (n - 1)));
        double yTerm = m < 2 ? 0.0 : withinY * (2.0 / ((long) m * (m - 1)));
        double factor = ((double) n * m) / (n + m);
        return factor * ((crossTerm - xTerm) - yTerm);
    }

    /** numpy's argmax: the first NaN wins, otherwise the first maximum. */
    private static boolean beats(double qhat, double bestQhat) {
        return !Double.isNaN(bestQhat) && (Double.isNaN(qhat) || qhat > bestQhat);
    }
}
