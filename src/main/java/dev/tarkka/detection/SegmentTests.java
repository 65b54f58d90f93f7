package dev.tarkka.detection;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The t-tests of the re-test and merge steps (spec §9, §10), each a pure function of x[start, end) and the split.
 * Every test performed is recorded, so an incremental update can reuse those whose segment lies in the unchanged
 * prefix of the series.
 */
final class SegmentTests {

    /** A tested pair of adjacent segments [start, split) and [split, end). */
    record Segments(int start, int split, int end) implements Comparable<Segments> {
        @Override
        public int compareTo(Segments other) {
            int byStart = Integer.compare(start, other.start);
            if (byStart != 0) {
                return byStart;
            }
            int bySplit = Integer.compare(split, other.split);
            return bySplit != 0 ? bySplit : Integer.compare(end, other.end);
        }
    }

    /** Compares x[start, split) with x[split, end); a pure function of those values. */
    @FunctionalInterface
    interface Comparison {
        SegmentComparison compare(double[] x, int start, int split, int end);
    }

    private final double[] x;
    private final Comparison comparison;
    private final Map<Segments, SegmentComparison> reusable;
    private final Map<Segments, SegmentComparison> performed = new HashMap<>();

    /**
     * @param reusable results of an earlier run whose segments all lie in a prefix of x that has not changed
     */
    SegmentTests(double[] x, Comparison comparison, Map<Segments, SegmentComparison> reusable) {
        this.x = x;
        this.comparison = comparison;
        this.reusable = reusable;
    }

    /** The change point at {@code split} tested against its neighbours {@code start} and {@code end}. */
    ChangePoint changePoint(int start, int split, int end) {
        Segments key = new Segments(start, split, end);
        SegmentComparison result = performed.get(key);
        if (result == null) {
            result = reusable.get(key);
            if (result == null) {
                result = comparison.compare(x, start, split, end);
            }
            performed.put(key, result);
        }
        return ChangePoint.of(split, result);
    }

    /** Every test performed so far, in ascending order of its segments. */
    TreeMap<Segments, SegmentComparison> performed() {
        return new TreeMap<>(performed);
    }
}
