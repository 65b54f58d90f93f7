package dev.tarkka.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The requests of one phase (setup, idle, warm-up, measured load), one {@link LatencyRecorder} per endpoint. */
final class Recording {

    private final String phase;
    private final Map<Endpoint, LatencyRecorder> byEndpoint = new EnumMap<>(Endpoint.class);
    /** Answers per second since the phase began: shows whether throughput holds as the data grows. */
    private final Map<Integer, LongAdder> answersPerSecond = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    Recording(String phase) {
        this.phase = phase;
        for (Endpoint endpoint : Endpoint.values()) {
            byEndpoint.put(endpoint, new LatencyRecorder());
        }
    }

    String phase() {
        return phase;
    }

    LatencyRecorder of(Endpoint endpoint) {
        return byEndpoint.get(endpoint);
    }

    /** Counts one answer (any status) in the current second of the phase. */
    void tick() {
        int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
        answersPerSecond.computeIfAbsent(second, s -> new LongAdder()).increment();
    }

    /** Answers per second over consecutive windows of {@code windowSeconds}; a last, shorter window is averaged over its own length. */
    List<Double> throughputTimeline(int windowSeconds, double phaseSeconds) {
        int whole = (int) phaseSeconds; // a trailing fraction of a second holds almost nothing: leave it out
        List<Double> timeline = new ArrayList<>();
        for (int from = 0; from < whole; from += windowSeconds) {
            int to = Math.min(from + windowSeconds, whole);
            long answers = 0;
            for (int s = from; s < to; s++) {
                LongAdder count = answersPerSecond.get(s);
                answers += count == null ? 0 : count.sum();
            }
            timeline.add((double) answers / (to - from));
        }
        return timeline;
    }

    long attempts() {
        return byEndpoint.values().stream().mapToLong(LatencyRecorder::attempts).sum();
    }

    long serverErrors() {
        return byEndpoint.values().stream().mapToLong(LatencyRecorder::serverErrors).sum();
    }

    long dropped() {
        return byEndpoint.values().stream().mapToLong(LatencyRecorder::dropped).sum();
    }

    long timeouts() {
        return byEndpoint.values().stream().mapToLong(LatencyRecorder::timeouts).sum();
    }

    /** Responses of at least 500, dropped connections or time-outs: what makes the run fail. */
    boolean hasFailures() {
        return serverErrors() > 0 || dropped() > 0 || timeouts() > 0;
    }
}
