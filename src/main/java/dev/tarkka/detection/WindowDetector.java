package dev.tarkka.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Divisive E-divisive inside one window (spec §6): repeatedly split the segment whose best candidate has the
 * largest q̂, as long as that candidate passes the relaxed test (Otava's t-test, or the preset's rank test); the
 * first failure ends the window.
 */
final class WindowDetector {

    /** The p-value of splitting x[start, end) at {@code split}. */
    @FunctionalInterface
    interface SplitTest {
        double pvalue(double[] x, int start, int split, int end);
    }

    private final CandidateSearch search;
    private final SplitTest test;
    private final double threshold;
    private final double openThreshold;

    WindowDetector(CandidateSearch search, SplitTest test, double threshold) {
        this(search, test, threshold, threshold);
    }

    /**
     * @param openThreshold the threshold in a window that the end of the series cuts short (not yet settled, see
     *                      {@link Splitter}); Otava uses the same for both
     */
    WindowDetector(CandidateSearch search, SplitTest test, double threshold, double openThreshold) {
        this.search = search;
        this.test = test;
        this.threshold = threshold;
        this.openThreshold = openThreshold;
    }

    /**
     * The change points found in the window x[start, end), as ascending absolute indexes; {@code settled} is false
     * for a window the end of the series cuts short.
     */
    int[] detect(double[] x, int start, int end, boolean settled) {
        double threshold = settled ? this.threshold : openThreshold;
        List<Segment> segments = new ArrayList<>();
        segments.add(segment(x, start, start, end));
        List<Integer> found = new ArrayList<>();
        while (true) {
            int best = bestSegment(segments);
            if (best < 0) {
                break;
            }
            Segment segment = segments.get(best);
            int tau = segment.candidate().index();
            if (tau == segment.from()) {
                break; // the hunter sentinel won: "do not split"
            }
            double pvalue = test.pvalue(x, segment.from(), tau, segment.to());
            if (!(pvalue <= threshold)) {
                break; // non-strict, and NaN is never significant
            }
            // Segments that did not change keep their candidate: it depends only on the window and the segment.
            segments.set(best, segment(x, start, segment.from(), tau));
            segments.add(best + 1, segment(x, start, tau, segment.to()));
            found.add(tau);
        }
        return found.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** First segment with the largest q̂; a later segment replaces it only when strictly larger, so NaN never does. */
    private static int bestSegment(List<Segment> segments) {
        int best = -1;
        for (int i = 0; i < segments.size(); i++) {
            CandidateSearch.Candidate candidate = segments.get(i).candidate();
            if (candidate != null && (best < 0 || candidate.qhat() > segments.get(best).candidate().qhat())) {
                best = i;
            }
        }
        return best;
    }

    private Segment segment(double[] x, int windowStart, int from, int to) {
        return new Segment(from, to, search.find(x, windowStart, from, to));
    }

    private record Segment(int from, int to, CandidateSearch.Candidate candidate) {
    }
}
