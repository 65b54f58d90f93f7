package dev.tarkka.detection;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The split step (spec §9): half-overlapping windows of W points, each searched by {@link WindowDetector}; a
 * window that finds points makes the next one start at the last of them when that lies beyond start + W/2.
 *
 * <p>A window that lies entirely inside the series is <em>settled</em>: appending points can change neither what
 * it finds nor where the next window starts. The split can therefore resume at the first unsettled window,
 * given the points the settled ones found.
 */
final class Splitter {

    /**
     * @param weakPoints    all points found, ascending and distinct
     * @param settledPoints the points found by settled windows
     * @param resumeStart   start of the first unsettled window (where a later split resumes)
     */
    record Result(int[] weakPoints, int[] settledPoints, int resumeStart) {
    }

    private Splitter() {
    }

    /** A complete split of x. */
    static Result split(double[] x, int windowLen, WindowDetector detector) {
        return resume(x, windowLen, detector, 0, new int[0]);
    }

    /**
     * The windows from {@code start} (the first unsettled window of an earlier run on a prefix of x) to the end,
     * combined with the points that run's settled windows found.
     */
    static Result resume(double[] x, int windowLen, WindowDetector detector, int start, int[] settledPoints) {
        int n = x.length;
        int step = windowLen / 2;
        IntStream.Builder settled = IntStream.builder();
        IntStream.Builder unsettled = IntStream.builder();
        int resumeStart = start;
        boolean seenUnsettled = false;
        while (start < n) {
            int end = Math.min(start + windowLen, n);
            boolean isSettled = start + windowLen <= n;
            int[] found = detector.detect(x, start, end, isSettled);
            if (!isSettled && !seenUnsettled) {
                resumeStart = start;
                seenUnsettled = true;
            }
            Arrays.stream(found).forEach(isSettled ? settled : unsettled);
            int last = found.length > 0 ? found[found.length - 1] : 0;
            start = Math.max(last, start + step);
        }
        int[] allSettled = union(settledPoints, settled.build().toArray());
        return new Result(union(allSettled, unsettled.build().toArray()), allSettled, resumeStart);
    }

    private static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }
}
