package dev.tarkka.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarkka.detection.SeriesColumns;

/**
 * A test's series as the analysis reads it, in columns: the engine's view ({@link SeriesColumns}) and, per point,
 * what a change found there is told with (commit, branch, repository; each metric's unit, direction and value as
 * uploaded). About a hundred bytes a point, where the points as documents take several kilobytes, so that long
 * histories can be analysed in bounded memory. {@code extra_info} is never read for it.
 */
public final class StoredSeries {

    private final SeriesColumns columns;
    private final String[] commits;
    private final String[] branches;
    private final String[] repos;
    private final Map<String, MetricTexts> metrics;
    private final Integer[] pullRequests;
    private final SeriesStamp stamp;

    /** Units and directions of one metric by series index, and which values were uploaded as integers. */
    private record MetricTexts(String[] units, String[] directions, BitSet integral) {
    }

    /** Metric names in order of first appearance. */
    java.util.Set<String> metricNames() {
        return metrics.keySet();
    }

    /** The unit of the metric at {@code index} of its series, as uploaded (null when not given). */
    String unit(String metric, int index) {
        return metrics.get(metric).units()[index];
    }

    String direction(String metric, int index) {
        return metrics.get(metric).directions()[index];
    }

    boolean integral(String metric, int index) {
        return metrics.get(metric).integral().get(index);
    }

    /** What a point measured of a metric, as uploaded. */
    public record Measured(String unit, String direction, Number value) {
    }

    private StoredSeries(SeriesColumns columns, String[] commits, String[] branches, String[] repos,
            Map<String, MetricTexts> metrics, Integer[] pullRequests, SeriesStamp stamp) {
        this.columns = columns;
        this.commits = commits;
        this.branches = branches;
        this.repos = repos;
        this.metrics = metrics;
        this.pullRequests = pullRequests;
        this.stamp = stamp;
    }

    public SeriesColumns columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    /** How many points there were and when the newest write happened. */
    public SeriesStamp stamp() {
        return stamp;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public long time(int point) {
        return columns.time(point);
    }

    public String commit(int point) {
        return commits[point];
    }

    public String branch(int point) {
        return branches[point];
    }

    public String repo(int point) {
        return repos[point];
    }

    /** The pull request a point belongs to, or null for a point of the test's own series. */
    public Integer pullRequest(int point) {
        return pullRequests[point];
    }

    /** What the point at {@code index} of the metric's series measured. */
    public Measured measured(String metric, int index) {
        SeriesColumns.Metric column = columns.metric(metric);
        MetricTexts texts = metrics.get(metric);
        double value = column.values()[index];
        Number number = column.missing().get(index) ? null
                : texts.integral().get(index) ? (Number) (long) value : (Number) value;
        return new Measured(texts.units()[index], texts.directions()[index], number);
    }

    /**
     * The point at {@code index} as the API shows it (without {@code extra_info}, which the columns do not hold), its
     * metrics in the series' order.
     */
    StoredPoint point(int index, Instant modified) {
        List<ResultInput.Metric> measured = new ArrayList<>();
        for (String metric : metrics.keySet()) {
            int at = Arrays.binarySearch(columns.metric(metric).positions(), index);
            if (at >= 0) {
                Measured value = measured(metric, at);
                measured.add(new ResultInput.Metric(metric, value.unit(), value.value(), value.direction()));
            }
        }
        return new StoredPoint(new ResultInput(time(index), measured,
                new ResultInput.Attributes(commit(index), branch(index), repo(index)), null), modified, pullRequest(index));
    }

    /** Builds a series from stored points in series order, sharing repeated strings. */
    public static final class Builder {

        private final SeriesColumns.Builder columns;
        private String[] commits;
        private String[] branches;
        private String[] repos;
        private Integer[] pullRequests;
        private final Map<String, MetricTextsBuilder> metrics = new LinkedHashMap<>();
        private final Map<String, String> shared = new HashMap<>();
        private int size;
        private Date newest;

        public Builder(int expectedPoints) {
            this(new SeriesColumns.Builder(Math.max(16, expectedPoints)), Math.max(16, expectedPoints));
        }

        /**
         * A builder holding the first {@code points} points of {@code series}, room for {@code expectedPoints}: the
         * same as adding those points again, without the work. The points after them must be no older than the
         * series' newest write, as appended points are.
         */
        static Builder startingWith(StoredSeries series, int points, int expectedPoints) {
            Builder builder = new Builder(SeriesColumns.Builder.startingWith(series.columns, points, expectedPoints),
                    Math.max(points, expectedPoints));
            System.arraycopy(series.commits, 0, builder.commits, 0, points);
            System.arraycopy(series.branches, 0, builder.branches, 0, points);
            System.arraycopy(series.repos, 0, builder.repos, 0, points);
            System.arraycopy(series.pullRequests, 0, builder.pullRequests, 0, points);
            series.metrics.forEach((name, texts) -> {
                SeriesColumns.Metric column = series.columns.metric(name);
                int measured = column.measuredBefore(points);
                if (measured > 0) {
                    builder.metrics.put(name, new MetricTextsBuilder(texts, measured, column.positions()[measured - 1]));
                }
            });
            builder.size = points;
            builder.newest = points == 0 ? null : series.stamp.lastModified();
            return builder;
        }

        private Builder(SeriesColumns.Builder columns, int capacity) {
            this.columns = columns;
            commits = new String[capacity];
            branches = new String[capacity];
            repos = new String[capacity];
            pullRequests = new Integer[capacity];
        }

        /** Points added so far. */
        int size() {
            return size;
        }

        /** Adds a point; answers its index, for {@link #addMetric}. */
        public int addPoint(long time, String commit, String branch, String repo, Instant modified, Integer pullRequest) {
            int index = columns.addPoint(time);
            if (index == commits.length) {
                int capacity = index * 2;
                commits = Arrays.copyOf(commits, capacity);
                branches = Arrays.copyOf(branches, capacity);
                repos = Arrays.copyOf(repos, capacity);
                pullRequests = Arrays.copyOf(pullRequests, capacity);
            }
            commits[index] = commit;
            branches[index] = share(branch);
            repos[index] = share(repo);
            pullRequests[index] = pullRequest;
            Date date = Date.from(modified);
            if (newest == null || date.after(newest)) {
                newest = date;
            }
            size = index + 1;
            return index;
        }

        /** A metric of the point just added; a metric's first value at a point is the one that counts. */
        public void addMetric(int point, String metric, String unit, String direction, Number value) {
            MetricTextsBuilder texts = metrics.computeIfAbsent(metric, m -> new MetricTextsBuilder());
            if (texts.lastPoint == point) {
                return;
            }
            texts.add(point, share(unit), share(direction), value instanceof Long || value instanceof Integer);
            columns.addValue(point, metric, value == null ? null : value.doubleValue());
        }

        /** Adds every point of {@code points}, in order. */
        public Builder addAll(List<StoredPoint> points) {
            for (StoredPoint point : points) {
                ResultInput result = point.result();
                int index = addPoint(result.timestamp(), result.attributes().gitCommit(), result.attributes().branch(),
                        result.attributes().gitRepo(), point.lastModified(), point.pullRequest());
                for (ResultInput.Metric metric : result.metrics()) {
                    addMetric(index, metric.name(), metric.unit(), metric.direction(), metric.value());
                }
            }
            return this;
        }

        public StoredSeries build() {
            String[] c = Arrays.copyOf(commits, size);
            String[] b = Arrays.copyOf(branches, size);
            String[] r = Arrays.copyOf(repos, size);
            Map<String, MetricTexts> texts = new LinkedHashMap<>();
            metrics.forEach((name, metric) -> texts.put(name, metric.build()));
            // the attributes a report shows, in Nyrkio's order, made only for the points that changed
            SeriesColumns built = columns.build(point -> {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("branch", b[point]);
                attributes.put("git_repo", r[point]);
                attributes.put("git_commit", c[point]);
                return attributes;
            });
            return new StoredSeries(built, c, b, r, texts, Arrays.copyOf(pullRequests, size),
                    new SeriesStamp(size, newest));
        }

        private String share(String text) {
            return text == null ? null : shared.computeIfAbsent(text, t -> t);
        }
    }

    private static final class MetricTextsBuilder {

        private String[] units = new String[16];
        private String[] directions = new String[16];
        private final BitSet integral;
        private int size;
        private int lastPoint = -1;

        MetricTextsBuilder() {
            integral = new BitSet();
        }

        /** The first {@code measured} entries of built texts, the last of them at point {@code lastPoint}. */
        MetricTextsBuilder(MetricTexts texts, int measured, int lastPoint) {
            units = Arrays.copyOf(texts.units(), Math.max(16, measured));
            directions = Arrays.copyOf(texts.directions(), Math.max(16, measured));
            integral = texts.integral().get(0, measured);
            size = measured;
            this.lastPoint = lastPoint;
        }

        void add(int point, String unit, String direction, boolean isIntegral) {
            if (size == units.length) {
                units = Arrays.copyOf(units, size * 2);
                directions = Arrays.copyOf(directions, size * 2);
            }
            units[size] = unit;
            directions[size] = direction;
            integral.set(size, isIntegral);
            size++;
            lastPoint = point;
        }

        MetricTexts build() {
            return new MetricTexts(Arrays.copyOf(units, size), Arrays.copyOf(directions, size), integral);
        }
    }
}
