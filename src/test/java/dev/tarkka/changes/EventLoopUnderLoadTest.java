package dev.tarkka.changes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sixteen 10k-point series uploaded and analysed at once while liveness is polled: every liveness answer
 * stays under a second, and {@code NoBlockedEventLoop} fails the class if Vert.x reports a blocked event loop.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class EventLoopUnderLoadTest {

    static final int SERIES = 16;
    static final int POINTS = 10_000;

    @Test
    void livenessStaysPromptWhileLargeSeriesAreAnalysed() throws Exception {
        Api user = Api.newUser();
        List<List<Map<String, Object>>> uploads = new ArrayList<>();
        Random random = new Random(16);
        for (int s = 0; s < SERIES; s++) {
            List<Map<String, Object>> points = new ArrayList<>(POINTS);
            for (int i = 0; i < POINTS; i++) {
                double level = i < POINTS / 2 ? 100 : 110;
                points.add(Api.point(i + 1, Map.of("latency", level + random.nextGaussian()), "https://github.com/o/r",
                        "main", "c" + i));
            }
            uploads.add(points);
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        List<Duration> liveness = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SERIES + 1);
        try {
            Future<?> prober = pool.submit(() -> {
                while (loading.get()) {
                    long started = System.nanoTime();
                    given().get("/q/health/live").then().statusCode(200);
                    liveness.add(Duration.ofNanos(System.nanoTime() - started));
                    sleep(100);
                }
            });
            List<Future<Integer>> answers = new ArrayList<>();
            for (int s = 0; s < SERIES; s++) {
                int series = s;
                answers.add(pool.submit(() -> user.json(uploads.get(series)).post("/api/v0/result/load/series-" + series)
                        .then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.MINUTES)).isEqualTo(200);
            }
            loading.set(false);
            prober.get();
        } finally {
            pool.shutdownNow();
        }
        user.as().get("/api/v0/result/load/series-0/changes").then().statusCode(200)
                .body("'load/series-0'[0].time", org.hamcrest.Matchers.equalTo(POINTS / 2 + 1));
        assertThat(liveness).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(1)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
