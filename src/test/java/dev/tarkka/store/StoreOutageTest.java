package dev.tarkka.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * With the store gone, Tarkka says so at once (503 JSON, readiness DOWN) instead of hanging, and it
 * recovers by itself when the store returns.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class StoreOutageTest {

    /** Well above the 3 s server-selection timeout, well below a hang. */
    static final Duration PROMPT = Duration.ofSeconds(15);

    /** Injected by {@link MongoTestResource}. */
    Runnable stopStore;
    Runnable startStore;

    @AfterEach
    void storeBack() {
        try {
            startStore.run();
        } catch (RuntimeException alreadyRunning) {
            // the test brought it back itself
        }
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
}
