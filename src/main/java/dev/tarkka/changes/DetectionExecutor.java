package dev.tarkka.changes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.http.CpuPool;
import dev.tarkka.http.DaemonThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Change detection on the service's bounded {@link CpuPool}, which it shares with the parsing of large request
 * bodies: never an event-loop thread, never more than {@code tarkka.detection.max-concurrency} tasks at once. Work
 * that cannot start within
 * {@code tarkka.detection.queue-timeout} fails with {@link DetectionBusyException} instead of queueing
 * without bound.
 * <p>
 * Metrics: {@code tarkka.detection.pool.active} (analyses running), {@code .queued} (waiting for a slot),
 * {@code .size} (slots) and {@code .rejected} (requests that got 503 because no slot freed up in time). The
 * request's log context (its request id) goes with the work onto the pool.
 */
@ApplicationScoped
public class DetectionExecutor {

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Duration queueTimeout;
    private final Counter rejected;
    private final MeterRegistry registry;
    private final List<Gauge> gauges;

    DetectionExecutor(TarkkaConfig config, CpuPool cpu, MeterRegistry registry) {
        this.queueTimeout = config.detection().queueTimeout();
        this.pool = cpu.executor();
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tarkka-detection-timer-"));
        this.registry = registry;
        this.gauges = List.of(
                Gauge.builder("tarkka.detection.pool.active", pool, ThreadPoolExecutor::getActiveCount)
                        .description("Change detections and large body parses running now").register(registry),
                Gauge.builder("tarkka.detection.pool.queued", pool, p -> p.getQueue().size())
                        .description("Change detections and large body parses waiting for a free slot").register(registry),
                Gauge.builder("tarkka.detection.pool.size", pool, ThreadPoolExecutor::getMaximumPoolSize)
                        .description("CPU-heavy tasks that can run at once (tarkka.detection.max-concurrency)")
                        .register(registry));
        this.rejected = Counter.builder("tarkka.detection.pool.rejected")
                .description("Requests answered 503 because no detection slot freed up within the queue timeout")
                .register(registry);
    }

    /** Runs {@code work} on the detection pool; the Uni completes on that pool's thread. */
    public <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean claimed = new AtomicBoolean();
            Map<String, Object> logContext = MDC.getMap();
            Runnable task = () -> {
                if (!claimed.compareAndSet(false, true)) {
                    return; // timed out while queued
                }
                logContext.forEach(MDC::put);
                try {
                    emitter.complete(work.get());
                } catch (Throwable e) {
                    emitter.fail(e);
                } finally {
                    logContext.keySet().forEach(MDC::remove);
                }
            };
            pool.execute(task);
            var timeout = timer.schedule(() -> {
                if (claimed.compareAndSet(false, true)) {
                    pool.remove(task);
                    rejected.increment();
                    emitter.fail(new DetectionBusyException(queueTimeout));
                }
            }, queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                timeout.cancel(false);
                if (claimed.compareAndSet(false, true)) {
                    pool.remove(task); // the caller went away before the work started
                }
            });
        });
    }

    /** The gauges go with the pool: a registry that outlives it (a restart in the same JVM) must not read it. */
    @PreDestroy
    void shutdown() {
        gauges.forEach(registry::remove);
        timer.shutdownNow();
    }
}
