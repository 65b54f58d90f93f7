package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tarkka.support.PackagedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * No single test can take the service down: the packaged jar with a 512 MB heap and its embedded store holds a
 * test of many points (200,000 for the README's figures), which four clients read at once ({@code /result}, {@code /changes}, the summary) while another
 * owner keeps uploading small results. Every request of the other owner succeeds, liveness answers throughout, reads
 * of the big test either succeed or are refused with 503 and Retry-After (and succeed when retried), nothing runs
 * out of memory, and afterwards everything works without a restart. Latencies and the process's peak RSS are
 * printed, never asserted. Plain JUnit: the test owns the process.
 */
class LargeSeriesIT {

    /**
     * 50,000 in the suite, so that it stays within minutes on a slow machine; the acceptance figures in the README
     * are from {@code -Dlarge.points=200000}.
     */
    static final int POINTS = Integer.getInteger("large.points", 50_000);
    static final int BATCH = 10_000;
    static final int READERS = 4;
    static final long START = 1_600_000_000L;
    /** Generous: properties are asserted, not speed; a request that takes longer than this is a hang. */
    static final Duration PATIENCE = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    PackagedApp app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        if (app != null && app.isAlive()) {
            app.kill();
        }
    }

    /** Status, time taken and bytes of one request. */
    record Answer(int status, long millis, long bytes, String retryAfter, String body) {
    }

    Answer send(String token, String method, String path, String json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUri() + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token);
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            byte[] head = new byte[0];
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; bytes += n) {
                    if (head.length == 0) {
                        head = java.util.Arrays.copyOf(buffer, Math.min(n, 2048)); // enough to tell what it is
                    }
                }
            }
            return new Answer(response.statusCode(), (System.nanoTime() - started) / 1_000_000, bytes,
                    response.headers().firstValue("Retry-After").orElse(null), new String(head));
        } catch (IOException e) {
            return new Answer(-1, (System.nanoTime() - started) / 1_000_000, 0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, 0, 0, null, "interrupted");
        }
    }

    String signUp(String email) {
        HttpRequest register = HttpRequest.newBuilder(URI.create(app.baseUri() + "/api/v0/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("email", email).put("password", "a-password").encode())).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create(app.baseUri() + "/api/v0/auth/jwt/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + email.replace("@", "%40") + "&password=a-password"))
                .build();
        try {
            assertThat(http.send(register, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
            return new JsonObject(http.send(login, HttpResponse.BodyHandlers.ofString()).body()).getString("access_token");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static String points(long from, int count, double base) {
        JsonArray points = new JsonArray();
        for (int i = 0; i < count; i++) {
            long t = from + i;
            double value = base + (t - START >= POINTS / 2 ? 20 : 0) + (t * 7919 % 13) / 10.0;
            points.add(new JsonObject().put("timestamp", t)
                    .put("metrics", new JsonArray().add(new JsonObject().put("name", "latency").put("unit", "ms")
                            .put("value", value).put("direction", "lower_is_better")))
                    .put("attributes", new JsonObject().put("git_repo", "https://github.com/acme/big").put("branch", "main")
                            .put("git_commit", "c" + t)));
        }
        return points.encode();
    }

    @Test
    void aHugeTestIsReadByManyWhileOthersKeepWorking() throws Exception {
        Map<String, String> env = new HashMap<>(PackagedApp.embeddedStore(dir.resolve("store.mv"), 0));
        env.put("JAVA_TOOL_OPTIONS", "-Xmx512m -XX:+ExitOnOutOfMemoryError");
        app = PackagedApp.of("large-series", dir.resolve("keys"), env).start("run");
        String big = signUp("big@example.com");
        String small = signUp("small@example.com");

        long uploadStarted = System.nanoTime();
        for (long from = START; from < START + POINTS; from += BATCH) {
            Answer answer = send(big, "POST", "/api/v0/result/big", points(from, BATCH, 100), PATIENCE);
            assertThat(answer.status()).as("upload at %d: %s", from, answer.body()).isEqualTo(200);
        }
        System.out.printf("Large series: %d points uploaded in %d requests of %d in %.1f s%n", POINTS, POINTS / BATCH,
                BATCH, (System.nanoTime() - uploadStarted) / 1e9);

        AtomicBoolean reading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Answer> others = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> liveness = new ConcurrentLinkedQueue<>();
        Future<?> otherOwner = pool.submit(() -> {
            for (long t = START; reading.get(); t++) {
                others.add(send(small, "POST", "/api/v0/result/small-" + (t % 5), points(t, 1, 10),
                        Duration.ofMinutes(1)));
                others.add(send(small, "GET", "/api/v0/result/small-" + (t % 5) + "/changes", null, Duration.ofMinutes(1)));
                sleep(200);
            }
        });
        Future<?> probe = pool.submit(() -> {
            while (reading.get()) {
                liveness.add(send("none", "GET", "/q/health/live", null, Duration.ofSeconds(30)));
                sleep(500);
            }
        });
        List<Answer> reads = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refusals = new AtomicLong();
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(pool.submit(() -> {
                for (String path : List.of("/api/v0/result/big", "/api/v0/result/big/changes",
                        "/api/v0/result/big/summary")) {
                    Answer answer;
                    while ((answer = send(big, "GET", path, null, PATIENCE)).status() == 503
                            && answer.retryAfter() != null) {
                        refusals.incrementAndGet();
                        sleep(1000L * Long.parseLong(answer.retryAfter()));
                    }
                    reads.add(answer);
                    assertThat(answer.status()).as("%s: %s", path, answer.body()).isEqualTo(200);
                }
                return null;
            }));
        }
        try {
            for (Future<?> reader : readers) {
                reader.get(30, TimeUnit.MINUTES);
            }
        } finally {
            reading.set(false);
        }
        otherOwner.get(5, TimeUnit.MINUTES);
        probe.get(5, TimeUnit.MINUTES);

        System.out.printf("Large series: %d reads of the big test (%s), %d refused with 503 first; other owner: %d "
                + "requests, %s; liveness: %d probes, %s; peak RSS %s%n", reads.size(), summary(reads), refusals.get(),
                others.size(), summary(others), liveness.size(), summary(liveness), peakRss());
        assertThat(reads.stream().filter(a -> a.body().startsWith("[") && a.bytes() > POINTS * 100L)).as("a full /result")
                .isNotEmpty();
        assertThat(others).as("the other owner's requests").isNotEmpty().allSatisfy(a -> assertThat(a.status())
                .as("%s", a.body()).isEqualTo(200));
        assertThat(liveness).isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(app.isAlive()).as("the process did not exit (out of memory exits it)").isTrue();
        assertThat(Files.readString(Path.of("target", "large-series-run.log"))).doesNotContain("java.lang.OutOfMemoryError");

        // everything works afterwards, without a restart
        assertThat(send(big, "POST", "/api/v0/result/big", points(START + POINTS, 1, 100), PATIENCE).status())
                .isEqualTo(200);
        assertThat(send(small, "GET", "/api/v0/result/small-1", null, PATIENCE).status()).isEqualTo(200);
        assertThat(send("none", "GET", "/q/health/ready", null, PATIENCE).status()).isEqualTo(200);
    }

    static String summary(java.util.Collection<Answer> answers) {
        List<Long> millis = answers.stream().map(Answer::millis).sorted().toList();
        if (millis.isEmpty()) {
            return "none";
        }
        return String.format("p50 %d ms, p95 %d ms, max %d ms", millis.get(millis.size() / 2),
                millis.get(Math.min(millis.size() - 1, millis.size() * 95 / 100)), millis.get(millis.size() - 1));
    }

    String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(app.process().pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM")).map(line -> line.substring(6).trim()).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
