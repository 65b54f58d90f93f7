package dev.tarkka.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tarkka.support.PackagedApp;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Acknowledged means durable: clients upload while the packaged jar (embedded store, as the README runs it) is
 * killed with SIGKILL at a random moment, ten times; after each restart on the same store file every point that
 * was answered 200 is there, and every API token whose revocation was answered 204 is refused.
 */
class CrashDurabilityIT {

    static final int RUNS = 10;
    static final int CLIENTS = 4;
    /** Short timeouts: a request cut off by the kill must fail, not hang. */
    static final RestAssuredConfig QUICK = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));

    @TempDir
    Path dir;

    PackagedApp app;
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        if (app != null && app.isAlive()) {
            app.kill();
        }
    }

    RequestSpecification as(String token) {
        return given().config(QUICK).baseUri(app.baseUri()).header("Authorization", "Bearer " + token);
    }

    @Test
    void acknowledgedUploadsAndRevocationsSurviveAKill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        app = PackagedApp.of("crash-durability", dir.resolve("keys"),
                PackagedApp.embeddedStore(dir.resolve("store.mv"), 0)).start("run-0");
        String login = app.signUp("durable@example.com");

        Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
        List<String> revoked = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> report = new ArrayList<>();
        long[] next = new long[CLIENTS];
        for (int run = 1; run <= RUNS; run++) {
            // a token revoked just before the kill must stay revoked
            kept.add(as(login).post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token"));
            Set<String> before = Set.copyOf(tokenIds(login));
            String doomed = as(login).post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
            String doomedId = tokenIds(login).stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();

            AtomicBoolean uploading = new AtomicBoolean(true);
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    String test = "client-" + client;
                    while (uploading.get()) {
                        long t = ++next[client];
                        try {
                            int status = as(login).contentType(ContentType.JSON).body(List.of(point(t)))
                                    .post("/api/v0/result/" + test).statusCode();
                            if (status == 200) {
                                acknowledged.computeIfAbsent(test, k -> ConcurrentHashMap.newKeySet()).add(t);
                            }
                        } catch (Exception e) {
                            return; // the process is gone
                        }
                    }
                }));
            }
            Thread.sleep(300 + random.nextInt(1500));
            as(login).delete("/api/v0/auth/tokens/" + doomedId).then().statusCode(204);
            revoked.add(doomed);
            Thread.sleep(random.nextInt(300));
            app.kill();
            uploading.set(false);
            for (var future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
            int acked = acknowledged.values().stream().mapToInt(Set::size).sum();

            app.start("run-" + run);
            int present = 0;
            for (Map.Entry<String, Set<Long>> test : acknowledged.entrySet()) {
                Set<Long> stored = as(login).get("/api/v0/result/" + test.getKey()).then().statusCode(200).extract()
                        .jsonPath().getList("timestamp", Long.class).stream().collect(Collectors.toSet());
                assertThat(stored).as("run %d (seed %d): acknowledged points of %s", run, seed, test.getKey())
                        .containsAll(test.getValue());
                present += stored.size();
            }
            for (String token : revoked) {
                as(token).get("/api/v0/users/me").then().statusCode(401);
            }
            for (String token : kept) {
                as(token).get("/api/v0/users/me").then().statusCode(200);
            }
            report.add("run " + run + ": " + acked + " acknowledged, " + present + " present");
        }
        System.out.println("Crash durability (seed " + seed + "):\n  " + String.join("\n  ", report));
    }

    List<String> tokenIds(String login) {
        return as(login).get("/api/v0/auth/tokens").then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }

    static Map<String, Object> point(long timestamp) {
        return Map.of("timestamp", timestamp, "metrics", List.of(Map.of("name", "m", "unit", "ms", "value", timestamp % 7)),
                "attributes", Map.of("git_repo", "https://github.com/o/r", "branch", "main", "git_commit", "c" + timestamp));
    }
}
