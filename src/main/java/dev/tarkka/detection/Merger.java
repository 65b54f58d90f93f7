package dev.tarkka.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The merge step (spec §10): re-test the weak points against their neighbours, then repeatedly drop the point
 * with the largest p-value while it is not significant, else the one with the smallest magnitude while that is
 * at most M.
 *
 * <p>After a removal only the two points that follow it are re-tested against their current neighbours; the point
 * before it keeps its stale "after" statistics. This is Otava's behaviour and the reference answers depend on it.
 * Spec §10 calls the second re-test a no-op, but it is not when that point was itself left stale by an earlier
 * removal: 16 reference outputs change if it is skipped.
 */
final class Merger {

    private Merger() {
    }

    /**
     * @param weakPoints ascending distinct indexes from the split step
     * @param n          length of the series
     */
    static List<ChangePoint> merge(int[] weakPoints, int n, SegmentTests tests, double maxPvalue, double minMagnitude) {
        List<ChangePoint> points = new ArrayList<>(weakPoints.length);
        for (int k = 0; k < weakPoints.length; k++) {
            int before = k == 0 ? 0 : weakPoints[k - 1];
            int after = k == weakPoints.length - 1 ? n : weakPoints[k + 1];
            points.add(tests.changePoint(before, weakPoints[k], after));
        }
        while (!points.isEmpty()) {
            int weakest = firstLargest(points, ChangePoint::pvalue);
            if (points.get(weakest).pvalue() < maxPvalue) { // strict; NaN is never below
                weakest = firstLargest(points, point -> -point.magnitude());
                if (points.get(weakest).magnitude() > minMagnitude) {
                    break;
                }
            }
            points.remove(weakest);
            retest(points, weakest, n, tests);
            retest(points, weakest + 1, n, tests);
        }
        return points;
    }

    /**
     * Python's {@code max(points, key=...)}: the first element is kept unless a later one is strictly greater, so a
     * NaN wins only when it comes first.
     */
    static <T> int firstLargest(List<T> points, ToDoubleFunction<T> key) {
        int best = 0;
        double bestKey = key.applyAsDouble(points.get(0));
        for (int i = 1; i < points.size(); i++) {
            double candidate = key.applyAsDouble(points.get(i));
            if (candidate > bestKey) {
                best = i;
                bestKey = candidate;
            }
        }
        return best;
    }

    private static void retest(List<ChangePoint> points, int position, int n, SegmentTests tests) {
        if (position >= points.size()) {
            return;
        }
        int before = position == 0 ? 0 : points.get(position - 1).index();
        int after = position == points.size() - 1 ? n : points.get(position + 1).index();
        points.set(position, tests.changePoint(before, points.get(position).index(), after));
    }
}
