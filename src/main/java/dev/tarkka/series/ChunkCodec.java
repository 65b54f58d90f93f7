package dev.tarkka.series;

import static dev.tarkka.store.PackedArrays.doubles;
import static dev.tarkka.store.PackedArrays.ints;
import static dev.tarkka.store.PackedArrays.longs;
import static dev.tarkka.store.PackedArrays.pack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

import dev.tarkka.detection.SeriesColumns;

/**
 * A slice of a test's series as one {@code series_chunks} document: packed columns (timestamps, values and indexes
 * as big-endian binary; branches, repositories, units and directions through a small dictionary). A chunk of
 * {@value SeriesChunks#CHUNK_POINTS} points with a few metrics takes tens of kilobytes and reads back without any
 * per-point document.
 */
final class ChunkCodec {

    private ChunkCodec() {
    }

    /** The points {@code [from, to)} of the series as a chunk document's fields (without its key). */
    static Document encode(StoredSeries series, int from, int to) {
        int size = to - from;
        long[] times = new long[size];
        List<String> commits = new ArrayList<>(size);
        Dictionary strings = new Dictionary();
        int[] branches = new int[size];
        int[] repos = new int[size];
        for (int i = 0; i < size; i++) {
            int point = from + i;
            times[i] = series.time(point);
            commits.add(series.commit(point));
            branches[i] = strings.index(series.branch(point));
            repos[i] = strings.index(series.repo(point));
        }
        List<Document> metrics = new ArrayList<>();
        for (String name : series.metricNames()) {
            SeriesColumns.Metric column = series.columns().metric(name);
            int first = lowerBound(column.positions(), from);
            int last = lowerBound(column.positions(), to);
            if (first == last) {
                continue;
            }
            int count = last - first;
            int[] positions = new int[count];
            double[] values = new double[count];
            BitSet missing = new BitSet();
            BitSet integral = new BitSet();
            int[] units = new int[count];
            int[] directions = new int[count];
            for (int i = 0; i < count; i++) {
                int index = first + i;
                positions[i] = column.positions()[index] - from;
                values[i] = column.values()[index];
                missing.set(i, column.missing().get(index));
                integral.set(i, series.integral(name, index));
                units[i] = strings.index(series.unit(name, index));
                directions[i] = strings.index(series.direction(name, index));
            }
            metrics.add(new Document("name", name).append("positions", pack(positions)).append("values", pack(values))
                    .append("missing", new Binary(missing.toByteArray()))
                    .append("integral", new Binary(integral.toByteArray()))
                    .append("units", pack(units)).append("directions", pack(directions)));
        }
        return new Document("size", size)
                .append("times", pack(times))
                .append("commits", commits)
                .append("strings", strings.list())
                .append("branches", pack(branches))
                .append("repos", pack(repos))
                .append("metrics", metrics);
    }

    /** Adds the chunk's points to a series being built; every point counts as written at {@code modified}. */
    static void decode(Document chunk, Date modified, StoredSeries.Builder series) {
        long[] times = longs(chunk.get("times", Binary.class));
        List<String> commits = chunk.getList("commits", String.class);
        List<String> strings = chunk.getList("strings", String.class);
        int[] branches = ints(chunk.get("branches", Binary.class));
        int[] repos = ints(chunk.get("repos", Binary.class));
        Instant at = modified == null ? Instant.EPOCH : modified.toInstant();
        int[] points = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            points[i] = series.addPoint(times[i], commits.get(i), text(strings, branches[i]), text(strings, repos[i]), at, null);
        }
        for (Document metric : chunk.getList("metrics", Document.class)) {
            String name = metric.getString("name");
            int[] positions = ints(metric.get("positions", Binary.class));
            double[] values = doubles(metric.get("values", Binary.class));
            BitSet missing = BitSet.valueOf(metric.get("missing", Binary.class).getData());
            BitSet integral = BitSet.valueOf(metric.get("integral", Binary.class).getData());
            int[] units = ints(metric.get("units", Binary.class));
            int[] directions = ints(metric.get("directions", Binary.class));
            for (int i = 0; i < positions.length; i++) {
                Number value = missing.get(i) ? null : integral.get(i) ? (Number) (long) values[i] : (Number) values[i];
                series.addMetric(points[positions[i]], name, text(strings, units[i]), text(strings, directions[i]), value);
            }
        }
    }

    /** The chunk's newest point (the last in series order), as the API shows points without {@code extra_info}. */
    static StoredPoint newest(Document chunk) {
        StoredSeries.Builder builder = new StoredSeries.Builder(SeriesChunks.CHUNK_POINTS);
        Date modified = chunk.getDate("modified");
        decode(chunk, modified, builder);
        StoredSeries series = builder.build();
        return series.point(series.size() - 1, modified == null ? Instant.EPOCH : modified.toInstant());
    }

    /**
     * The keys ({@code _id}) of the chunk's points at or after {@code since} (all when null), in series order: what
     * finds the points themselves by their primary key.
     */
    static List<Document> keys(Document chunk, ObjectId owner, String testName, Long since) {
        long[] times = longs(chunk.get("times", Binary.class));
        List<String> commits = chunk.getList("commits", String.class);
        List<String> strings = chunk.getList("strings", String.class);
        int[] branches = ints(chunk.get("branches", Binary.class));
        int[] repos = ints(chunk.get("repos", Binary.class));
        List<Document> keys = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            if (since == null || times[i] >= since) {
                keys.add(PointCodec.key(owner, testName, text(strings, repos[i]), text(strings, branches[i]),
                        commits.get(i), times[i]));
            }
        }
        return keys;
    }

    /** About how many bytes the chunk takes as BSON: its binaries and texts, which are nearly all of it. */
    static long estimatedBytes(Document chunk) {
        long bytes = 0;
        for (Object value : chunk.values()) {
            bytes += estimatedBytes(value);
        }
        return bytes;
    }

    private static long estimatedBytes(Object value) {
        if (value instanceof Binary binary) {
            return binary.length() + 16L;
        }
        if (value instanceof String text) {
            return text.length() * 3L + 16; // UTF-8 takes at most three bytes a char
        }
        if (value instanceof Document doc) {
            return estimatedBytes(doc) + 16;
        }
        if (value instanceof List<?> list) {
            long bytes = 16;
            for (Object item : list) {
                bytes += estimatedBytes(item) + 8;
            }
            return bytes;
        }
        return 16;
    }

    private static String text(List<String> strings, int index) {
        return index < 0 ? null : strings.get(index);
    }

    /** The first index whose position is at least {@code point}. */
    private static int lowerBound(int[] positions, int point) {
        int found = Arrays.binarySearch(positions, point);
        return found >= 0 ? found : -found - 1;
    }

    /** Strings a chunk repeats, stored once; -1 stands for null. */
    private static final class Dictionary {
        private final Map<String, Integer> indexes = new HashMap<>();
        private final List<String> strings = new ArrayList<>();

        int index(String text) {
            if (text == null) {
                return -1;
            }
            return indexes.computeIfAbsent(text, t -> {
                strings.add(t);
                return strings.size() - 1;
            });
        }

        List<String> list() {
            return strings;
        }
    }
}
