package dev.tarkka.changes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Large series uploaded and analysed at once while liveness is polled. What must hold, however slow the
 * machine: every upload is stored and answered 200, every liveness probe is answered 200, every point is there
 * afterwards, and {@code NoBlockedEventLoop} fails the class if Vert.x reports a blocked event loop. How long the
 * probes took is printed, not asserted: that is the load harness's business.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class EventLoopUnderLoadTest {

    /** Sixteen 10k-point series against the in-memory test store. */
    int series() {
        return 16;
    }

    int points() {
        return 10_000;
    }
    /** Far beyond what the work takes even on a machine several times slower than a 2-core laptop. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @Test
    void livenessAnswersWhileLargeSeriesAreAnalysed() throws Exception {
        final int SERIES = series();
        final int POINTS = points();
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
        List<Duration> liveness = new CopyOnWriteArrayList<>();
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
                assertThat(answer.get(PATIENCE.toMinutes(), TimeUnit.MINUTES)).isEqualTo(200);
            }
            loading.set(false);
            prober.get(PATIENCE.toMinutes(), TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertThat(liveness).as("liveness probes answered during the load").isNotEmpty();
        Logger.getLogger(EventLoopUnderLoadTest.class).infof("Liveness under load: %d probes, slowest %d ms",
                liveness.size(), liveness.stream().mapToLong(Duration::toMillis).max().orElse(0));

        user.as().get("/api/v0/results").then().statusCode(200).body("$", hasSize(SERIES));
        user.as().get("/api/v0/result/load/series-" + (SERIES - 1)).then().statusCode(200).body("$", hasSize(POINTS));
        user.as().get("/api/v0/result/load/series-0/changes").then().statusCode(200)
                .body("'load/series-0'[0].time", equalTo(POINTS / 2 + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
