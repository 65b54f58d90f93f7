package dev.tarkka.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads of the service's own pools: named for thread dumps and logs, and never keeping the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads named {@code prefix1}, {@code prefix2}, … */
    public static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
