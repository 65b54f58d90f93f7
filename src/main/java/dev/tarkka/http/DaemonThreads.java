package dev.tarkka.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the service's own pools: named for thread dumps and logs, and never keeping the JVM alive.
 *
 * <p>Background threads (CPU-heavy work; the embedded store lowers its own likewise) run at
 * {@link Thread#MIN_PRIORITY}. Where the JVM maps priorities to the operating system
 * ({@code -XX:ThreadPriorityPolicy=1} on Linux, set by the container image), the scheduler then runs the event loops
 * first when the cores are saturated, so that health probes and light requests do not queue behind analyses and
 * store commits. Without that option the priority is a no-op.
 */
public final class DaemonThreads {

    private static final int BACKGROUND_PRIORITY = Thread.MIN_PRIORITY;

    private DaemonThreads() {
    }

    /** Threads named {@code prefix1}, {@code prefix2}, … */
    public static ThreadFactory named(String prefix) {
        return named(prefix, Thread.NORM_PRIORITY);
    }

    /** Like {@link #named}, at background priority. */
    public static ThreadFactory background(String prefix) {
        return named(prefix, BACKGROUND_PRIORITY);
    }

    private static ThreadFactory named(String prefix, int priority) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(priority);
            return thread;
        };
    }
}
