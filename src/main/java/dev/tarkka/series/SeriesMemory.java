package dev.tarkka.series;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;

/**
 * Admits reads of long series within a memory budget ({@code tarkka.limits.series-memory}), so that a few
 * concurrent reads of one huge test cannot take the heap every other request needs. A read beyond the budget is
 * refused at once with 503 and Retry-After (never queued: a client that waits should be told so); one read alone is
 * always admitted, whatever its size, or it could never run.
 */
@ApplicationScoped
public class SeriesMemory {

    private static final Logger LOG = Logger.getLogger(SeriesMemory.class);
    /** Bytes a point takes read from the test's columns, with the analysis working on it. */
    static final long COLUMN_BYTES = 200;
    /** Bytes a point takes while it is read as a document (the embedded store holds all of a query's matches). */
    static final long DOCUMENT_BYTES = 4096;
    /** Reads below this take no share of the budget: small tests never wait for large ones. */
    private static final long SMALL = 1L << 20;

    private final long budget;
    private final AtomicLong inUse = new AtomicLong();

    @Inject
    SeriesMemory(TarkkaConfig config, MeterRegistry registry) {
        this(config.limits().seriesMemory().map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 5 * 2),
                registry);
    }

    SeriesMemory(long budget, MeterRegistry registry) {
        this.budget = budget;
        Gauge.builder("tarkka.series.memory.used", inUse, AtomicLong::get).baseUnit("bytes")
                .description("Memory admitted to reads of long series now (tarkka.limits.series-memory)")
                .register(registry);
    }

    /** Runs {@code read}, which holds about {@code bytes} until it ends, if the budget allows; else 503. */
    <T> Uni<T> admit(long bytes, Supplier<Uni<T>> read) {
        if (bytes < SMALL) {
            return read.get();
        }
        return Uni.createFrom().deferred(() -> {
            if (!reserve(bytes)) {
                LOG.debugf("Series read of %d bytes refused: %d of %d in use", bytes, inUse.get(), budget);
                return Uni.createFrom().failure(new ApiException(503,
                        "Too many long series are being read at once, retry later", Map.of("Retry-After", "5")));
            }
            return Uni.createFrom().<T>deferred(read::get).onTermination().invoke(() -> inUse.addAndGet(-bytes));
        });
    }

    private boolean reserve(long bytes) {
        while (true) {
            long used = inUse.get();
            if (used > 0 && used + bytes > budget) {
                return false;
            }
            if (inUse.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }
}
