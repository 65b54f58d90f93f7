package dev.tarkka.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The merge step of the {@code tarkka} preset. Like Otava's (spec §10) it re-tests the weak points against their
 * neighbours and repeatedly drops the least significant point, then the smallest change, but it judges each point by
 * {@link TarkkaPreset}'s rules and re-tests both neighbours of a dropped point (Otava keeps the stale statistics of
 * the one before, a quirk the preset has no reason to copy).
 */
final class TarkkaMerger {

    private TarkkaMerger() {
    }

    /**
     * @param weakPoints ascending distinct indexes from the split step
     */
    static List<ChangePoint> merge(int[] weakPoints, double[] x, SegmentTests tests) {
        weakPoints = TarkkaPreset.placeLast(x, weakPoints);
        List<Judged> points = new ArrayList<>(weakPoints.length);
        for (int k = 0; k < weakPoints.length; k++) {
            int before = k == 0 ? 0 : weakPoints[k - 1];
            int after = k == weakPoints.length - 1 ? x.length : weakPoints[k + 1];
            points.add(judge(x, tests, before, weakPoints[k], after));
        }
        while (!points.isEmpty()) {
            int weakest = Merger.firstLargest(points, Judged::pvalueExcess);
            if (points.get(weakest).pvalueExcess() < 1) { // NaN is never below: dropped
                weakest = Merger.firstLargest(points, point -> -point.stepMagnitude());
                if (points.get(weakest).stepMagnitude() > TarkkaPreset.MIN_MAGNITUDE) {
                    break;
                }
            }
            points.remove(weakest);
            if (weakest > 0) {
                points.set(weakest - 1, rejudge(x, tests, points, weakest - 1));
            }
            if (weakest < points.size()) {
                points.set(weakest, rejudge(x, tests, points, weakest));
            }
        }
        return points.stream().map(Judged::changePoint).toList();
    }

    /**
     * A change point with what the merge decides on.
     *
     * @param pvalueExcess  its p-value divided by the p-value it needs: below 1 is significant
     * @param stepMagnitude its magnitude, or 0 when the levels differ no more than they move within a side
     */
    private record Judged(ChangePoint changePoint, double pvalueExcess, double stepMagnitude) {
    }

    private static Judged rejudge(double[] x, SegmentTests tests, List<Judged> points, int position) {
        int before = position == 0 ? 0 : points.get(position - 1).changePoint().index();
        int after = position == points.size() - 1 ? x.length : points.get(position + 1).changePoint().index();
        return judge(x, tests, before, points.get(position).changePoint().index(), after);
    }

    private static Judged judge(double[] x, SegmentTests tests, int before, int index, int after) {
        // A change in the newest runs cannot rest on a spike in the very last one: it is judged without that run,
        // at the bar of the runs it is judged on.
        boolean newestRunIsASpike = after == x.length && TarkkaPreset.isNewest(index, x.length)
                && TarkkaPreset.lastRunIsASpike(x, before, index);
        int end = newestRunIsASpike ? after - 1 : after;
        ChangePoint point = tests.changePoint(before, index, end);
        double excess = point.pvalue() / TarkkaPreset.requiredPvalue(index, end, end == after ? x.length : end);
        boolean step = TarkkaPreset.isStep(x, before, index, after, point.meanBefore(), point.meanAfter());
        return new Judged(point, excess, step ? point.magnitude() : 0.0);
    }
}
