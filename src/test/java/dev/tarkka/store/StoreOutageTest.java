package dev.tarkka.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With the store gone, Tarkka says so at once (503 JSON, readiness DOWN) instead of hanging, and it
 * recovers by itself when the store returns. Uploads running through the outage are either acknowledged
 * and stored in full, or refused and not half-written.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class StoreOutageTest {

    /**
     * Tells a 503 after the 3 s server-selection timeout from a hang: the bound is a wall-clock timeout of the
     * driver, not CPU work, so a slow machine does not come near it.
     */
    static final Duration PROMPT = Duration.ofSeconds(60);
    /** Twice the 3 s server-selection timeout: uploads during it are refused, some after waiting it out. */
    static final Duration OUTAGE = Duration.ofSeconds(6);
    static final int WRITERS = 4;
    static final int POINTS_PER_UPLOAD = 3;

    /** Injected by {@link MongoTestResource}. */
    Runnable stopStore;
    Runnable startStore;

    /** Also when a test failed before bringing it back itself. */
    @AfterEach
    void storeBack() {
        startStore.run();
    }

    @Test
    void outageIsReportedPromptlyAndRecoveredWithoutRestart() {
        Api user = Api.newUser();
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/outage").then().statusCode(200);

        stopStore.run();

        long started = System.nanoTime();
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
        user.json(List.of(Api.point(2, "metric1", 1))).post("/api/v0/result/outage").then().statusCode(503)
                .contentType(ContentType.JSON).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", equalTo("Store unavailable, retry later"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);

        startStore.run();

        given().get("/q/health/ready").then().statusCode(200);
        user.json(List.of(Api.point(3, "metric1", 1))).post("/api/v0/result/outage").then().statusCode(200);
        user.as().get("/api/v0/result/outage").then().statusCode(200).body("$", hasSize(2));
    }

    record Upload(String test, long firstTimestamp, int status, Duration took) {
    }

    @Test
    void everyAcknowledgedUploadSurvivesAnOutageAndNoRefusedOneIsHalfWritten() throws Exception {
        Api user = Api.newUser();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Upload> uploads = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            String test = "outage/writer-" + w;
            writers.submit(() -> {
                for (long t = 1; running.get(); t += POINTS_PER_UPLOAD) {
                    List<Map<String, Object>> points = new ArrayList<>();
                    for (long p = t; p < t + POINTS_PER_UPLOAD; p++) {
                        points.add(Api.point(p, "metric1", 100 + p % 7));
                    }
                    long before = System.nanoTime();
                    Response response = user.json(points).post("/api/v0/result/" + test);
                    uploads.add(new Upload(test, t, response.statusCode(), Duration.ofNanos(System.nanoTime() - before)));
                }
            });
        }
        Thread.sleep(2000);
        stopStore.run();
        long outageStarted = System.nanoTime();
        boolean readinessDown = false;
        while (System.nanoTime() - outageStarted < OUTAGE.toNanos()) {
            readinessDown |= given().get("/q/health/ready").statusCode() == 503;
            Thread.sleep(500);
        }
        startStore.run();
        given().get("/q/health/ready").then().statusCode(200);
        Thread.sleep(2000);
        running.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        int acknowledged = 0;
        int refused = 0;
        int refusedButStored = 0;
        List<String> problems = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String test = "outage/writer-" + w;
            Set<Long> stored = new HashSet<>(user.as().get("/api/v0/result/" + test).then().statusCode(200)
                    .extract().jsonPath().getList("timestamp", Long.class));
            for (Upload upload : uploads) {
                if (!upload.test().equals(test)) {
                    continue;
                }
                int present = 0;
                for (long p = upload.firstTimestamp(); p < upload.firstTimestamp() + POINTS_PER_UPLOAD; p++) {
                    present += stored.contains(p) ? 1 : 0;
                }
                if (upload.status() == 200) {
                    acknowledged++;
                    if (present != POINTS_PER_UPLOAD) {
                        problems.add("acknowledged but missing: " + upload);
                    }
                } else {
                    refused++;
                    if (upload.status() != 503) {
                        problems.add("refused with " + upload.status() + ", not 503: " + upload);
                    }
                    if (upload.took().compareTo(PROMPT) > 0) {
                        problems.add("refused only after " + upload.took() + ": " + upload);
                    }
                    if (present == POINTS_PER_UPLOAD) {
                        refusedButStored++; // stored, but the answer was lost with the connection
                    } else if (present > 0) {
                        problems.add("refused and half-written: " + upload);
                    }
                }
            }
        }
        System.out.printf("Store outage of %d s: %d uploads acknowledged, all present; %d refused with 503"
                + " (%d of them stored in full before the answer was lost), none half-written%n",
                OUTAGE.toSeconds(), acknowledged, refused, refusedButStored);
        assertThat(readinessDown).as("readiness DOWN during the outage").isTrue();
        assertThat(refused).as("uploads refused during the outage").isPositive();
        assertThat(acknowledged).as("uploads acknowledged").isPositive();
        assertThat(problems).isEmpty();
    }
}
