package dev.tarkka.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load itself: a fixed pool of closed-loop clients, each sending its next request only after the
 * previous answer, so the offered load can never outrun the service. Uploaders play CI pipelines, each
 * owning a disjoint share of the tests (one pipeline per test, so a test's points arrive in order);
 * readers play people browsing reports and summaries.
 */
final class Workload {

    /** After an exchange without an answer a client pauses, so a dead service is not hammered in a hot loop. */
    private static final long FAILURE_PAUSE_MILLIS = 100;

    private final ApiClient api;
    private final List<UserSession> users;
    private final List<BenchmarkSeries> tests;
    private final int uploaderThreads;
    private final int readerThreads;
    private final long seed;
    private final ExecutorService clients;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    Workload(ApiClient api, List<UserSession> users, int testCount, int uploaderThreads, int readerThreads,
            long seed) {
        this.api = api;
        this.users = users;
        this.uploaderThreads = uploaderThreads;
        this.readerThreads = readerThreads;
        this.seed = seed;
        this.tests = new ArrayList<>(testCount);
        for (int k = 0; k < testCount; k++) {
            tests.add(new BenchmarkSeries(k, k % users.size(), seed));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.clients = Executors.newFixedThreadPool(uploaderThreads + readerThreads, runnable -> {
            Thread thread = new Thread(runnable, "tarkka-load-client-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // never keeps the JVM alive past main
            return thread;
        });
    }

    void start() {
        for (int u = 0; u < uploaderThreads; u++) {
            List<BenchmarkSeries> share = new ArrayList<>();
            for (int k = u; k < tests.size(); k += uploaderThreads) {
                share.add(tests.get(k));
            }
            if (!share.isEmpty()) {
                Random random = new Random(seed + 7919L * u);
                launch(() -> upload(share, random));
            }
        }
        for (int r = 0; r < readerThreads; r++) {
            Random random = new Random(seed - 104_729L * (r + 1));
            launch(() -> read(random));
        }
    }

    /** True while at least one client is still sending (they also stop when the request budget is spent). */
    boolean isRunning() {
        return running.get() > 0;
    }

    /** Total points accepted and the number of distinct tests that got at least one. */
    long pointsUploaded() {
        return tests.stream().mapToLong(BenchmarkSeries::uploaded).sum();
    }

    long testsWithData() {
        return tests.stream().filter(t -> t.uploaded() > 0).count();
    }

    /** Stops the clients after their current request; waits for them at most the request time-out and a margin. */
    void stop() throws InterruptedException {
        stopping = true;
        clients.shutdown();
        if (!clients.awaitTermination(ApiClient.REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void launch(ClientLoop loop) {
        running.incrementAndGet();
        clients.execute(() -> {
            try {
                while (!stopping && api.hasBudget()) {
                    if (!loop.step()) {
                        Thread.sleep(FAILURE_PAUSE_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        });
    }

    /** One CI run: a new point for one of this pipeline's tests. False if no answer came. */
    private boolean upload(List<BenchmarkSeries> share, Random random) throws InterruptedException {
        BenchmarkSeries test = share.get(random.nextInt(share.size()));
        UserSession owner = users.get(test.owner());
        ApiClient.Response response = api.postJson(Endpoint.UPLOAD, "/api/v0/result/" + test.name(),
                owner.apiToken(), test.nextPoint());
        if (response != null && response.is(200)) {
            test.markUploaded();
        }
        return response != null;
    }

    /** One page view: a report, a series, the test list or a dashboard summary. False if no answer came. */
    private boolean read(Random random) throws InterruptedException {
        BenchmarkSeries test = tests.get(random.nextInt(tests.size()));
        String token = users.get(test.owner()).loginToken();
        int dice = random.nextInt(100);
        ApiClient.Response response;
        if (test.uploaded() == 0 || dice < 15) {
            response = api.get(Endpoint.RESULTS, "/api/v0/results", token);
        } else if (dice < 50) {
            response = api.get(Endpoint.CHANGES, "/api/v0/result/" + test.name() + "/changes", token);
        } else if (dice < 70) {
            response = api.get(Endpoint.SERIES, "/api/v0/result/" + test.name(), token);
        } else if (dice < 85) {
            response = api.get(Endpoint.SUMMARY, "/api/v0/result/" + test.prefix(1 + random.nextInt(4)) + "/summary",
                    token);
        } else if (dice < 93) {
            response = api.get(Endpoint.SUMMARY_SIBLINGS, "/api/v0/result/summarySiblings", token);
        } else {
            response = api.get(Endpoint.SUMMARY_CHILDREN, "/api/v0/result/" + test.prefix(1 + random.nextInt(3))
                    + "/summarySiblings", token);
        }
        return response != null;
    }

    @FunctionalInterface
    private interface ClientLoop {
        /** Sends one request; answers false when no answer came. */
        boolean step() throws InterruptedException;
    }
}
