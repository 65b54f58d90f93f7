package dev.tarkka.detection;

/** Mid-ranks: equal values share the mean of the ranks they occupy, so quantized series keep their ties. */
final class Ranks {

    /** Runs this short are sorted by insertion before they are merged. */
    private static final int INSERTION_RUN = 12;

    private Ranks() {
    }

    /**
     * Writes the mid-ranks (from 1) of x[from, to) into ranks[0, to − from) and returns the values sorted. A NaN
     * value sorts last and gets a meaningless rank: a caller that may see one checks the last sorted value.
     */
    static double[] midRanks(double[] x, int from, int to, double[] ranks) {
        int n = to - from;
        // The positions sorted by value (in Arrays.sort's order: −0.0 before 0.0, NaN last) give every run its place
        // at once; sorting the values and searching each run's place costs twice the comparisons.
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = from + k;
        }
        sortByValue(x, order, new int[n], 0, n);
        double[] sorted = new double[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = x[order[k]];
        }
        for (int k = 0; k < n; ) {
            int last = k;
            while (last + 1 < n && sorted[last + 1] == sorted[k]) {
                last++;
            }
            double rank = (k + last + 2) / 2.0;
            for (int t = k; t <= last; t++) {
                ranks[order[t] - from] = rank;
            }
            k = last + 1;
        }
        return sorted;
    }

    /** Sorts order[from, to), positions in x, by their values: a stable merge sort. */
    private static void sortByValue(double[] x, int[] order, int[] buffer, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int position = order[i];
                int j = i - 1;
                while (j >= from && Double.compare(x[order[j]], x[position]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = position;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sortByValue(x, order, buffer, from, middle);
        sortByValue(x, order, buffer, middle, to);
        if (Double.compare(x[order[middle - 1]], x[order[middle]]) <= 0) {
            return; // already in order
        }
        System.arraycopy(order, from, buffer, from, to - from);
        int i = from;
        int j = middle;
        for (int k = from; k < to; k++) {
            if (j >= to || i < middle && Double.compare(x[buffer[i]], x[buffer[j]]) <= 0) {
                order[k] = buffer[i++];
            } else {
                order[k] = buffer[j++];
            }
        }
    }
}
