package dev.tarkka.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With one detection slot and a short queue timeout, requests beyond what the pool can take get 503 JSON with
 * Retry-After: never a hang or a dropped connection. Uploads are stored even then, and say so.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@TestProfile(DetectionSaturationTest.OneSlot.class)
class DetectionSaturationTest {

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tarkka.detection.max-concurrency", "1", "tarkka.detection.queue-timeout", "50ms");
        }
    }

    @Test
    void excessRequestsGet503WithRetryAfterAndStoredDataIsIntact() throws Exception {
        Api user = Api.newUser();
        // an analysis long enough to hold the only slot for a while: 20k values, 500-point windows
        Random random = new Random(1);
        List<Double> series = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            series.add((i / 2000 % 2 == 0 ? 100.0 : 120.0) + random.nextGaussian());
        }
        Map<String, Object> analysis = Map.of("series", series, "window_len", 500);

        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(clients.submit((Callable<Response>) () -> user.json(analysis).post("/api/v0/analyze")));
            }
            Future<Response> upload = clients.submit(() -> user.json(List.of(Api.point(1, "m", 3)))
                    .post("/api/v0/result/during-saturation"));

            int busy = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).isIn(200, 503);
                assertThat(response.contentType()).startsWith("application/json");
                if (response.statusCode() == 503) {
                    busy++;
                    assertThat(response.header("Retry-After")).isNotBlank();
                    assertThat(response.jsonPath().getString("detail")).contains("busy");
                }
            }
            assertThat(busy).as("requests refused while the only slot was taken").isPositive();
            assertThat(upload.get().statusCode()).isEqualTo(200);
        } finally {
            clients.shutdown();
        }
        user.as().get("/api/v0/result/during-saturation").then().statusCode(200)
                .body("[0].metrics[0].value", org.hamcrest.Matchers.equalTo(3));
        // the only slot is free again, though a 50 ms wait for it can still run out on a busy machine: retried
        int report = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(
                () -> user.as().get("/api/v0/result/during-saturation/changes").statusCode(), status -> status != 503);
        assertThat(report).isEqualTo(200);
    }
}
