package dev.tarkka.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.tarkka.config.TarkkaConfig;

/**
 * The one bounded pool for the service's CPU-heavy work, change detection and the parsing of large request bodies:
 * {@code tarkka.detection.max-concurrency} threads, by default one fewer than the cores, so that however many
 * clients send megabytes or long series at once, a core's worth of time stays for the event loop, the store client
 * and health probes. Work beyond it waits in the queue. Its threads run at background priority
 * ({@link DaemonThreads#background}): when the cores are saturated anyway, the event loops go first.
 */
@ApplicationScoped
public class CpuPool {

    private final ThreadPoolExecutor pool;

    CpuPool(TarkkaConfig config) {
        int threads = config.detection().effectiveMaxConcurrency();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.background("tarkka-cpu-"));
    }

    public ThreadPoolExecutor executor() {
        return pool;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}
