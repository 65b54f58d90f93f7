package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

/** A series split into chunks and read back is the same series: points, attributes, metrics and their order. */
class ChunkCodecTest {

    private static final Instant WRITTEN = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aSeriesReadsBackFromItsChunksExactly() {
        Random random = new Random(42);
        for (int run = 0; run < 20; run++) {
            StoredSeries series = randomSeries(random, 1 + random.nextInt(3000));
            List<Integer> cuts = new ArrayList<>(List.of(0, series.size()));
            for (int i = random.nextInt(4); i > 0; i--) {
                cuts.add(random.nextInt(series.size() + 1));
            }
            Collections.sort(cuts);
            StoredSeries.Builder back = new StoredSeries.Builder(series.size());
            for (int i = 1; i < cuts.size(); i++) {
                if (cuts.get(i) > cuts.get(i - 1)) {
                    Document chunk = throughBson(ChunkCodec.encode(series, cuts.get(i - 1), cuts.get(i)));
                    ChunkCodec.decode(chunk, Date.from(WRITTEN), back);
                }
            }
            SeriesAssertions.assertSame(back.build(), series);
        }
    }

    @Test
    void theEstimateIsNeverBelowTheStoredSize() {
        Random random = new Random(7);
        StoredSeries series = randomSeries(random, 1024);
        Document chunk = ChunkCodec.encode(series, 0, series.size());
        long stored = new RawBsonDocument(chunk, new DocumentCodec()).getByteBuffer().remaining();
        assertThat(ChunkCodec.estimatedBytes(chunk)).isGreaterThanOrEqualTo(stored);
    }

    private static Document throughBson(Document chunk) {
        return new DocumentCodec().decode(new RawBsonDocument(chunk, new DocumentCodec()).asBsonReader(),
                org.bson.codecs.DecoderContext.builder().build());
    }

    /** Points with a random subset of metrics in a random order, some values missing, some texts absent. */
    static StoredSeries randomSeries(Random random, int size) {
        List<String> names = List.of("latency", "throughput", "p99", "errors", "ünïcode ✓");
        StoredSeries.Builder builder = new StoredSeries.Builder(size);
        for (int point = 0; point < size; point++) {
            int index = builder.addPoint(1000L + point * 10L + random.nextInt(5),
                    random.nextInt(50) == 0 ? null : "commit-" + random.nextInt(1_000_000),
                    random.nextBoolean() ? "main" : "branch-" + random.nextInt(3),
                    random.nextInt(10) == 0 ? null : "https://github.com/o/r", WRITTEN, null);
            List<String> metrics = new ArrayList<>(names);
            Collections.shuffle(metrics, random);
            for (String name : metrics.subList(0, random.nextInt(metrics.size() + 1))) {
                Number value = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> (long) random.nextInt(1000);
                    default -> random.nextGaussian() * 100;
                };
                builder.addMetric(index, name, random.nextInt(7) == 0 ? null : "ms",
                        random.nextBoolean() ? "lower_is_better" : null, value);
            }
        }
        return builder.build();
    }
}
