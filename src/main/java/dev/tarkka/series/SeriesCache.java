package dev.tarkka.series;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.types.ObjectId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tarkka.config.TarkkaConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Series recently read from their columns, kept decoded in this process ({@code tarkka.limits.series-cache}), so that
 * the analysis after an append reads only the chunks the append rewrote. An entry is only a hint: it is used when
 * the test's head, read from the store on every request, still names its generation, and then only its sealed
 * chunks, which never change within a generation (appends rewrite the last chunk and add new ones; any other
 * write starts a new generation). Another replica's writes therefore never make it wrong.
 */
@ApplicationScoped
class SeriesCache {

    /**
     * A series read from the generation's first {@code chunks} chunks; {@code sealedPoints} of its points are in
     * the chunks before the last one.
     */
    record Entry(String generation, int chunks, int sealedPoints, StoredSeries series) {
    }

    private record Key(ObjectId owner, String testName) {
    }

    private final Cache<Key, Entry> entries;

    @Inject
    SeriesCache(TarkkaConfig config, MeterRegistry registry) {
        this(config.limits().seriesCache().map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 10),
                registry);
    }

    SeriesCache(long bytes, MeterRegistry registry) {
        this.entries = Caffeine.newBuilder().maximumWeight(bytes)
                .<Key, Entry>weigher((key, entry) -> (int) Math.min(Integer.MAX_VALUE,
                        entry.series().size() * SeriesMemory.COLUMN_BYTES))
                .build();
        Gauge.builder("tarkka.series.cache.points", entries,
                cache -> cache.asMap().values().stream().mapToLong(entry -> entry.series().size()).sum())
                .description("Points of series kept decoded between uploads (tarkka.limits.series-cache)")
                .register(registry);
    }

    /** The entry of the test's generation, or null. */
    Entry find(ObjectId owner, String testName, String generation) {
        Entry entry = entries.getIfPresent(new Key(owner, testName));
        return entry != null && entry.generation().equals(generation) ? entry : null;
    }

    void keep(ObjectId owner, String testName, Entry entry) {
        entries.put(new Key(owner, testName), entry);
    }

    void forget(ObjectId owner, String testName) {
        entries.invalidate(new Key(owner, testName));
    }

    void forgetAll(ObjectId owner) {
        entries.asMap().keySet().removeIf(key -> key.owner().equals(owner));
    }
}
