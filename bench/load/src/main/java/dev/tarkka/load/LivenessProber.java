package dev.tarkka.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Kubernetes kubelet: GET /q/health/live every 100 ms on its own HTTP client (its own
 * connection), so its latency shows how the service answers a probe, not how long it queued behind the
 * load clients in ours. A slow probe under load is what gets a pod restarted.
 */
final class LivenessProber {

    static final long PERIOD_MILLIS = 100;

    private final ApiClient api;
    private final ScheduledExecutorService timer;

    LivenessProber(ApiClient api) {
        this.api = api;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tarkka-load-liveness");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Back-to-back probes whose answers the caller discards: both JVMs compile the probe path first, so
     * the idle baseline measures the service at rest rather than a cold JIT.
     */
    void warmUp(int probes) {
        for (int i = 0; i < probes; i++) {
            probe();
        }
    }

    /** Fixed delay, not fixed rate: a slow probe is never followed by a burst of catch-up probes. */
    void start() {
        timer.scheduleWithFixedDelay(this::probe, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    void switchTo(Recording recording) {
        api.switchTo(recording);
    }

    private void probe() {
        try {
            api.get(Endpoint.LIVENESS, "/q/health/live", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ApiClient client() {
        return api;
    }

    /** Stops probing; waits for a probe in flight at most the request time-out. */
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(ApiClient.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }
}
