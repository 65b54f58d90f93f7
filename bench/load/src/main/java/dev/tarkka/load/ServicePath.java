package dev.tarkka.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service adds to its engine, in one run against the packaged jar: the time of a one-point upload as the
 * test's history grows (10 to 100,000 points: the curve should be flat), {@code /analyze} against the engine's own
 * time in the same requests (read from the service's {@code tarkka_detection_seconds} metric), the reads of 300
 * tests' summaries, and the liveness probe's p99 idle and under concurrent 50k-point analyses.
 *
 * <pre>java -cp bench/load/target/tarkka-load.jar dev.tarkka.load.ServicePath [rounds] [analysing clients]</pre>
 */
public final class ServicePath {

    private static final int[] HISTORY_SIZES = { 10, 1_000, 10_000, 100_000 };
    private static final int[] ANALYSED_SIZES = { 10, 10_000, 50_000 };
    /** Apache Otava's {@code analyze()} on the same series sizes (the reference figures, seconds). */
    private static final double OTAVA_10K_MS = 245, OTAVA_50K_MS = 1_800;
    private static final int UPLOAD_BATCH = 5_000;
    private static final int WARM_UP = 5;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final Pattern DETECTION = Pattern.compile("^tarkka_detection_seconds_(sum|count)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    private final BenchClient client;
    private final URI base;
    private final Random random = new Random(11);

    private ServicePath(URI base, BenchClient client) {
        this.base = base;
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int analysers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (ServiceProcess service = ServiceProcess.start(Path.of("").toAbsolutePath(), List.of(), false)) {
            ServicePath bench = new ServicePath(service.baseUrl(),
                    new BenchClient(service.baseUrl()).signUp("path@example.com", "service-path-secret"));
            bench.uploads(rounds);
            bench.summaries(rounds);
            bench.analyses(rounds);
            bench.liveness(analysers);
        }
    }

    /** One point appended to tests of every history size, round-robin, so every size sees the same machine. */
    private void uploads(int rounds) throws Exception {
        for (int size : HISTORY_SIZES) {
            for (int from = 1; from <= size; from += UPLOAD_BATCH) {
                int to = Math.min(size, from + UPLOAD_BATCH - 1);
                StringBuilder body = new StringBuilder("[");
                for (int t = from; t <= to; t++) {
                    body.append(t > from ? "," : "").append(AppendLatency.point(t, level(t, size)));
                }
                client.send("POST", "/api/v0/result/history-" + size, body.append(']').toString(), 200);
            }
        }
        long[][] times = new long[HISTORY_SIZES.length][rounds];
        for (int round = -WARM_UP; round < rounds; round++) {
            for (int i = 0; i < HISTORY_SIZES.length; i++) {
                int size = HISTORY_SIZES[i];
                long t = size + WARM_UP + 1L + round;
                long took = client.timedPost("/api/v0/result/history-" + size, "[" + AppendLatency.point(t, level(t, size)) + "]");
                if (round >= 0) {
                    times[i][round] = took;
                }
            }
        }
        System.out.printf("%nOne point appended to a test of N points, %d rounds after %d warm-up (ms)%n", rounds, WARM_UP);
        System.out.printf("| history | p50 | p90 | p50 / p50 at 10 |%n|---:|---:|---:|---:|%n");
        double small = BenchClient.percentile(times[0], 50);
        for (int i = 0; i < HISTORY_SIZES.length; i++) {
            double p50 = BenchClient.percentile(times[i], 50);
            System.out.printf("| %,d | %.1f | %.1f | %.2f |%n", HISTORY_SIZES[i], p50, BenchClient.percentile(times[i], 90),
                    p50 / small);
        }
    }

    /** The reads of a team's overview: 300 tests of 50 points under one repository and branch. */
    private void summaries(int rounds) throws Exception {
        int tests = 300;
        for (int k = 0; k < tests; k++) {
            StringBuilder body = new StringBuilder("[");
            for (int t = 1; t <= 50; t++) {
                body.append(t > 1 ? "," : "").append(AppendLatency.point(t, level(t, 50)));
            }
            client.send("POST", "/api/v0/result/team/repo/main/bench-" + k, body.append(']').toString(), 200);
        }
        System.out.printf("%nReads over %d tests of 50 points, %d requests each after at least %d and 3 s of warm-up (ms)%n",
                tests, rounds, WARM_UP);
        System.out.printf("| read | p50 | p90 |%n|---|---:|---:|%n");
        for (String path : List.of("/api/v0/result/team/repo/main/summary", "/api/v0/result/team/repo/main/summarySiblings",
                "/api/v0/results", "/api/v0/dashboard/latest")) {
            warmUp(() -> client.send("GET", path, null, 200));
            long[] times = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long started = System.nanoTime();
                client.send("GET", path, null, 200);
                times[i] = System.nanoTime() - started;
            }
            System.out.printf("| `GET %s` | %.1f | %.1f |%n", path.replace("/api/v0", ""), BenchClient.percentile(times, 50),
                    BenchClient.percentile(times, 90));
        }
    }

    /** A level that steps up 10 % half-way, with 1 % noise. */
    private double level(long t, int size) {
        return (t < size / 2 ? 100 : 110) * (1 + 0.01 * random.nextGaussian());
    }

    private void analyses(int rounds) throws Exception {
        System.out.printf("%nPOST /api/v0/analyze, %d requests after at least %d and 3 s of warm-up (ms; engine: the"
                + " service's own detection time per request)%n", rounds, WARM_UP);
        System.out.printf("| points | request p50 | request p90 | engine mean | request / engine | Otava analyze() / request |%n");
        System.out.printf("|---:|---:|---:|---:|---:|---:|%n");
        for (int size : ANALYSED_SIZES) {
            String body = analyzeBody(size);
            warmUp(() -> client.timedPost("/api/v0/analyze", body));
            double[] before = detectionSeconds();
            long[] times = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                times[i] = client.timedPost("/api/v0/analyze", body);
            }
            double[] after = detectionSeconds();
            double engine = (after[0] - before[0]) * 1e3 / (after[1] - before[1]);
            double p50 = BenchClient.percentile(times, 50);
            double otava = size == 10_000 ? OTAVA_10K_MS : size == 50_000 ? OTAVA_50K_MS : Double.NaN;
            System.out.printf("| %,d | %.1f | %.1f | %.2f | %.1f | %s |%n", size, p50, BenchClient.percentile(times, 90),
                    engine, p50 / engine, Double.isNaN(otava) ? "" : String.format("%.0f", otava / p50));
        }
    }

    /**
     * A few seconds of the same request before one is measured: a small read takes a millisecond or two once the
     * client's and the service's code for it are compiled, several times that before.
     */
    private static void warmUp(Callable<?> request) throws Exception {
        long until = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < WARM_UP || System.nanoTime() < until; i++) {
            request.call();
        }
    }

    private String analyzeBody(int size) {
        StringBuilder body = new StringBuilder("{\"series\":[");
        for (int i = 0; i < size; i++) {
            body.append(i > 0 ? "," : "").append(Math.round(level(i, size) * 1000) / 1000.0);
        }
        return body.append("]}").toString();
    }

    /** The service's total detection time (seconds) and count so far. */
    private double[] detectionSeconds() throws Exception {
        double[] found = new double[2];
        Matcher matcher = DETECTION.matcher(client.send("GET", "/q/metrics", null, 200));
        while (matcher.find()) {
            found[matcher.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(matcher.group(3));
        }
        return found;
    }

    /**
     * The kubelet's view: {@code /q/health/live} every 50 ms on its own connection, idle and then while
     * {@code analysers} clients each send 50k-point analyses back to back. Every analysis must answer 200.
     */
    private void liveness(int analysers) throws Exception {
        HttpClient prober = BenchClient.http1();
        int probes = 200;
        long[] idle = probe(prober, probes);
        String body = analyzeBody(50_000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService load = Executors.newFixedThreadPool(analysers);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < analysers; i++) {
            clients.add(load.submit(() -> {
                while (running.get()) {
                    try {
                        client.send("POST", "/api/v0/analyze", body, 200);
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.getMessage());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(2_000); // every client has a request in flight
        long[] loaded = probe(prober, probes);
        running.set(false);
        for (Future<?> f : clients) {
            f.get();
        }
        load.shutdown();
        double idleP99 = BenchClient.percentile(idle, 99);
        double loadedP99 = BenchClient.percentile(loaded, 99);
        System.out.printf("%nGET /q/health/live every 50 ms, %d probes idle, then %d under %d clients analysing 50k"
                + " points back to back (ms)%n", probes, probes, analysers);
        System.out.printf("| | p50 | p99 | max |%n|---|---:|---:|---:|%n");
        System.out.printf("| idle | %.1f | %.1f | %.1f |%n", BenchClient.percentile(idle, 50), idleP99,
                BenchClient.percentile(idle, 100));
        System.out.printf("| under load | %.1f | %.1f | %.1f |%n", BenchClient.percentile(loaded, 50), loadedP99,
                BenchClient.percentile(loaded, 100));
        System.out.printf("p99 under load / idle: %.2f; analyses answered 200: %d; failed: %d%s%n", loadedP99 / idleP99,
                answered.get(), failures.size(), failures.isEmpty() ? "" : " (first: " + failures.get(0) + ")");
    }

    private long[] probe(HttpClient prober, int probes) throws Exception {
        long[] times = new long[probes];
        for (int i = 0; i < probes; i++) {
            long started = System.nanoTime();
            HttpResponse<Void> answer = prober.send(HttpRequest.newBuilder(base.resolve("/q/health/live"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            times[i] = System.nanoTime() - started;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("liveness answered " + answer.statusCode());
            }
            Thread.sleep(50);
        }
        return times;
    }
}
