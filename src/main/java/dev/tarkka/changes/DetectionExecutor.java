package dev.tarkka.changes;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.tarkka.config.TarkkaConfig;
import io.smallrye.mutiny.Uni;

/**
 * The bounded, named pool change detection runs on: never an event-loop thread, never more than
 * {@code tarkka.detection.max-concurrency} analyses at once. Work that cannot start within
 * {@code tarkka.detection.queue-timeout} fails with {@link DetectionBusyException} instead of queueing
 * without bound.
 */
@ApplicationScoped
public class DetectionExecutor {

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Duration queueTimeout;

    DetectionExecutor(TarkkaConfig config) {
        int threads = config.detection().effectiveMaxConcurrency();
        this.queueTimeout = config.detection().queueTimeout();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("tarkka-detection-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("tarkka-detection-timer-"));
    }

    /** Runs {@code work} on the detection pool; the Uni completes on that pool's thread. */
    public <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean claimed = new AtomicBoolean();
            Runnable task = () -> {
                if (!claimed.compareAndSet(false, true)) {
                    return; // timed out while queued
                }
                try {
                    emitter.complete(work.get());
                } catch (Throwable e) {
                    emitter.fail(e);
                }
            };
            pool.execute(task);
            var timeout = timer.schedule(() -> {
                if (claimed.compareAndSet(false, true)) {
                    pool.remove(task);
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

    @PreDestroy
    void shutdown() {
        timer.shutdownNow();
        pool.shutdown();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
