package dev.tarkka.load;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every latency of one endpoint in one phase, kept whole (a minute of load is at most a few hundred
 * thousand longs) and sorted once for exact percentiles; plus status-code counts and failed exchanges.
 */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int count;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long dropped;
    private long timeouts;
    private long[] sorted;

    synchronized void recordResponse(int status, long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
        statuses.merge(status, 1L, Long::sum);
        sorted = null;
    }

    /** The connection failed or was closed without an answer. */
    synchronized void recordDropped() {
        dropped++;
    }

    /** No answer within the client's request timeout. */
    synchronized void recordTimeout() {
        timeouts++;
    }

    synchronized long responses() {
        return count;
    }

    synchronized long attempts() {
        return count + dropped + timeouts;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long timeouts() {
        return timeouts;
    }

    synchronized Map<Integer, Long> statuses() {
        return new TreeMap<>(statuses);
    }

    synchronized long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }

    /** Latency at quantile {@code q} (0..1) in milliseconds, nearest-rank; NaN without responses. */
    synchronized double percentileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        if (sorted == null) {
            sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
        }
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.min(count, Math.max(1, rank)) - 1] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(1.0);
    }
}
