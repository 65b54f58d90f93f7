package dev.tarkka.detection;

/**
 * The tarkka preset's candidate search: the energy statistic q̂ with κ at the segment end, as in the hunter
 * variant (spec §5.3), but computed on the ranks of the segment's values and only for splits that leave at least
 * {@code minSegment} points on each side. Ranks make one extreme run count as much as any other run above the level,
 * so a spike cannot win the search; the minimum length keeps short excursions from being proposed at all.
 */
final class RankEnergySearch implements CandidateSearch {

    private final int minSegment;
    private double[] ranks = new double[0];
    private double[] rowSums = new double[0];

    RankEnergySearch(int minSegment) {
        this.minSegment = minSegment;
    }

    @Override
    public Candidate find(double[] x, int windowStart, int from, int to) {
        int length = to - from;
        if (length < 2 * minSegment) {
            return null;
        }
        if (ranks.length < length) {
            ranks = new double[length];
            rowSums = new double[length];
        }
        for (int i = from; i < to; i++) {
            if (Double.isNaN(x[i])) {
                return null; // as in the reference, a NaN makes its segment unsplittable
            }
        }
        Ranks.midRanks(x, from, to, ranks);
        double withinY = 0.0;
        for (int r = 0; r < length; r++) {
            double row = 0.0;
            for (int c = r + 1; c < length; c++) {
                row += Math.abs(ranks[r] - ranks[c]);
            }
            rowSums[r] = row;
            withinY += row;
        }
        double cross = 0.0;
        double withinX = 0.0;
        int bestTau = -1;
        double bestQhat = Double.NEGATIVE_INFINITY;
        for (int tau = 0; tau <= length - minSegment; tau++) {
            if (tau >= minSegment) {
                double qhat = qhat(tau, length - tau, cross, withinX, withinY);
                if (qhat > bestQhat) {
                    bestTau = tau;
                    bestQhat = qhat;
                }
            }
            double column = 0.0;
            for (int r = 0; r < tau; r++) {
                column += Math.abs(ranks[r] - ranks[tau]);
            }
            cross = cross - column + rowSums[tau];
            withinX += column;
            withinY -= rowSums[tau];
        }
        return bestTau < 0 ? null : new Candidate(from + bestTau, bestQhat);
    }

    /** q̂ for a first part of n points and a second part of m points, both at least 1. */
    private static double qhat(int n, int m, double cross, double withinX, double withinY) {
        double crossTerm = cross * 2.0 / ((double) n * m);
        double xTerm = n < 2 ? 0.0 : withinX * 2.0 / ((double) n * (n - 1));
        double yTerm = m < 2 ? 0.0 : withinY * 2.0 / ((double) m * (m - 1));
        return (double) n * m / (n + m) * (crossTerm - xTerm - yTerm);
    }
}
