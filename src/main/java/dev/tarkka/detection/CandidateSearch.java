package dev.tarkka.detection;

/**
 * Finds the best split of one segment of a window by the energy statistic q̂ (spec §5). The two implementations
 * differ only here; an instance may keep scratch buffers, so it is confined to one analysis (one thread).
 */
interface CandidateSearch {

    /**
     * The best split of x[from, to), a segment of the window that starts at {@code windowStart}.
     *
     * @return the candidate, or {@code null} when the segment cannot be split
     */
    Candidate find(double[] x, int windowStart, int from, int to);

    /** A proposed change point: absolute index τ and its q̂ (only compared with other q̂ of the same window). */
    record Candidate(int index, double qhat) {
    }

    /** A fresh search for one analysis with the given algorithm and window length. */
    static CandidateSearch create(Algorithm algorithm, int windowLen) {
        return switch (algorithm) {
            case OTAVA -> new OtavaCandidateSearch(windowLen);
            case HUNTER -> new HunterCandidateSearch(windowLen);
            case TARKKA -> new RankEnergySearch(TarkkaPreset.MIN_SEGMENT);
        };
    }
}
