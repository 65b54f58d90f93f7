package dev.tarkka.detection;

import java.util.Arrays;

/** Mid-ranks: equal values share the mean of the ranks they occupy, so quantized series keep their ties. */
final class Ranks {

    private Ranks() {
    }

    /**
     * Writes the mid-ranks (from 1) of x[from, to) into ranks[0, to − from) and returns the values sorted. A NaN
     * value sorts last and gets a meaningless rank: a caller that may see one checks the last sorted value.
     */
    static double[] midRanks(double[] x, int from, int to, double[] ranks) {
        double[] sorted = Arrays.copyOfRange(x, from, to);
        Arrays.sort(sorted);
        for (int i = from; i < to; i++) {
            int below = lowerBound(sorted, x[i]);
            int upTo = lowerBound(sorted, Math.nextUp(x[i]));
            ranks[i - from] = (below + upTo + 1) / 2.0;
        }
        return sorted;
    }

    /** The first index of {@code sorted} whose value is not below {@code value}. */
    static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
