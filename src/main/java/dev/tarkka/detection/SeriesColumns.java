package dev.tarkka.detection;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A test's points in columns, compact enough for long histories: one timestamp per point, and for each metric
 * the positions of the points that measured it and their values. The attributes a report shows (branch,
 * repository, commit) are asked for only at the points where something changed.
 *
 * <p>This is what {@link ChangeReport} reads; {@link DataPoint} lists are turned into columns first.
 */
public final class SeriesColumns {

    private final long[] times;
    private final Map<String, Metric> metrics;
    private final IntFunction<Map<String, String>> attributes;

    /**
     * One metric's series.
     *
     * @param positions the points that measured the metric, ascending
     * @param values    its value at each of them
     * @param missing   indexes (into {@code values}) where the point has the metric without a value: a gap that
     *                  is filled (spec §3)
     */
    public record Metric(int[] positions, double[] values, BitSet missing) {

        public int size() {
            return positions.length;
        }

        /** How many of the metric's values are of points before {@code point}. */
        public int measuredBefore(int point) {
            int found = Arrays.binarySearch(positions, point);
            return found >= 0 ? found : -found - 1;
        }
    }

    private SeriesColumns(long[] times, Map<String, Metric> metrics, IntFunction<Map<String, String>> attributes) {
        this.times = times;
        this.metrics = metrics;
        this.attributes = attributes;
    }

    /** The columns of a list of points, their attributes as given. */
    public static SeriesColumns of(List<DataPoint> points) {
        Builder builder = new Builder(points.size());
        for (DataPoint point : points) {
            int index = builder.addPoint(point.time());
            point.metrics().forEach((metric, value) -> builder.addValue(index, metric, value));
        }
        return builder.build(i -> points.get(i).attributes());
    }

    /**
     * One metric measured at every point, from arrays as read: {@code missing} marks the points whose value is
     * missing. The arrays become the columns' own.
     */
    public static SeriesColumns ofOneMetric(String metric, long[] times, double[] values, BitSet missing) {
        if (values.length != times.length) {
            throw new IllegalArgumentException("one value per time: " + values.length + " values, " + times.length + " times");
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        if (times.length > 0) {
            int[] positions = new int[times.length];
            Arrays.setAll(positions, point -> point);
            metrics.put(metric, new Metric(positions, values, missing));
        }
        return new SeriesColumns(times, metrics, point -> Map.of());
    }

    public int size() {
        return times.length;
    }

    public long time(int point) {
        return times[point];
    }

    /** The attributes of a point, in the order the report shows them. */
    public Map<String, String> attributes(int point) {
        return attributes.apply(point);
    }

    /** The metrics in order of first appearance: the order of the report. */
    public Set<String> metricNames() {
        return metrics.keySet();
    }

    /** The metric's series, or null when no point measured it. */
    public Metric metric(String name) {
        return metrics.get(name);
    }

    /** The filled values of one metric (spec §3); empty when no point measured it. */
    public double[] filled(String name) {
        Metric metric = metrics.get(name);
        if (metric == null) {
            return new double[0];
        }
        if (metric.missing().isEmpty()) {
            return metric.values().clone();
        }
        Double[] boxed = new Double[metric.size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = metric.missing().get(i) ? null : metric.values()[i];
        }
        return MissingValues.fill(boxed);
    }

    /** Builds columns point by point; a metric's first value at a point is the one that counts. */
    public static final class Builder {

        private long[] times;
        private int size;
        private final Map<String, MetricBuilder> metrics = new LinkedHashMap<>();

        public Builder(int expectedPoints) {
            this.times = new long[Math.max(16, expectedPoints)];
        }

        /**
         * A builder holding the first {@code points} points of {@code columns}, room for {@code expectedPoints}: the
         * same as adding those points again, without the work.
         */
        public static Builder startingWith(SeriesColumns columns, int points, int expectedPoints) {
            Builder builder = new Builder(Math.max(points, expectedPoints));
            System.arraycopy(columns.times, 0, builder.times, 0, points);
            builder.size = points;
            columns.metrics.forEach((name, metric) -> {
                int measured = metric.measuredBefore(points);
                if (measured > 0) {
                    builder.metrics.put(name, new MetricBuilder(metric, measured));
                }
            });
            return builder;
        }

        /** Adds a point at {@code time}; answers its index. */
        public int addPoint(long time) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
            }
            times[size] = time;
            return size++;
        }

        /** The point's value of {@code metric}; null is a measurement without a value, a gap to fill. */
        public void addValue(int point, String metric, Double value) {
            metrics.computeIfAbsent(metric, m -> new MetricBuilder()).add(point, value);
        }

        public SeriesColumns build(IntFunction<Map<String, String>> attributes) {
            Map<String, Metric> built = new LinkedHashMap<>();
            metrics.forEach((name, metric) -> built.put(name, metric.build()));
            return new SeriesColumns(Arrays.copyOf(times, size), built, attributes);
        }
    }

    private static final class MetricBuilder {

        private int[] positions = new int[16];
        private double[] values = new double[16];
        private final BitSet missing;
        private int size;

        MetricBuilder() {
            missing = new BitSet();
        }

        /** The first {@code measured} values of a built metric. */
        MetricBuilder(Metric metric, int measured) {
            positions = Arrays.copyOf(metric.positions(), Math.max(16, measured));
            values = Arrays.copyOf(metric.values(), Math.max(16, measured));
            missing = metric.missing().get(0, measured);
            size = measured;
        }

        void add(int point, Double value) {
            if (size > 0 && positions[size - 1] == point) {
                return; // the first value at a point counts
            }
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            positions[size] = point;
            if (value == null) {
                missing.set(size);
            } else {
                values[size] = value;
            }
            size++;
        }

        Metric build() {
            return new Metric(Arrays.copyOf(positions, size), Arrays.copyOf(values, size), missing);
        }
    }
}
