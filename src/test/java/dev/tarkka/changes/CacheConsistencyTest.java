package dev.tarkka.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The change-point cache is never stale: after every write of a random sequence (POST, PUT, DELETE one or
 * all, config changes, disable/enable), each test's report equals, byte for byte, a fresh analysis of the
 * points the store returns ({@code POST /analyze}, which uses no cache).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class CacheConsistencyTest {

    static final List<String> TESTS = List.of("cache/a", "cache/b", "cache/c");
    static final List<String> METRICS = List.of("m1", "m2");
    static final int STEPS = 60;

    static final ObjectMapper JSON = new ObjectMapper();

    final Random random = new Random(20261127);
    final Map<String, TreeMap<Long, String>> commits = new HashMap<>();
    final Map<String, Set<String>> disabled = new HashMap<>();
    Api user;

    @Test
    void everyReportEqualsAFreshAnalysisAfterEveryWrite() {
        user = Api.newUser();
        for (String test : TESTS) {
            commits.put(test, new TreeMap<>());
            disabled.put(test, new HashSet<>());
            post(test, 1, 90);
        }
        assertConsistent("seed");
        for (int step = 0; step < STEPS; step++) {
            String test = TESTS.get(random.nextInt(TESTS.size()));
            String op = writeSomething(test);
            assertConsistent("step " + step + ": " + op + " " + test);
        }
    }

    /**
     * Writers racing on one test (appends and inserts at once) with readers analysing it meanwhile: when they are
     * done, the report equals a fresh analysis of every point written.
     */
    @Test
    void concurrentWritersAndReadersLeaveTheReportExact() throws Exception {
        user = Api.newUser();
        String test = "cache/concurrent";
        int writers = 4;
        int pointsEach = 30;
        commits.put(test, new TreeMap<>());
        disabled.put(test, new HashSet<>());
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(threads.submit(() -> {
                    Random own = new Random(writer);
                    for (int i = 0; i < pointsEach; i++) {
                        long timestamp = 1 + (long) i * writers + writer; // interleaved: some land before others
                        Map<String, Object> point = Api.point(timestamp,
                                Map.of("m1", (timestamp < 60 ? 100 : 130) + own.nextGaussian()),
                                "https://github.com/org/repo", "main", "c" + timestamp);
                        user.json(List.of(point)).post("/api/v0/result/" + test).then().statusCode(200);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        user.as().get("/api/v0/result/" + test + "/changes").then().statusCode(200);
                        user.as().get("/api/v0/result/summarySiblings").then().statusCode(200);
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get(10, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(user.as().get("/api/v0/result/" + test).then().statusCode(200).extract().jsonPath()
                .getList("$")).hasSize(writers * pointsEach);
        assertConsistent(test, "concurrent writes");
        user.as().get("/api/v0/result/summarySiblings").then().statusCode(200)
                .body("'" + test + "'.total_change_points", org.hamcrest.Matchers.notNullValue());
    }

    private String writeSomething(String test) {
        TreeMap<Long, String> points = commits.get(test);
        int dice = random.nextInt(100);
        if (dice < 30 || points.isEmpty()) {
            long next = points.isEmpty() ? 1 : points.lastKey() + 1;
            post(test, next, 1 + random.nextInt(3));
            return "append";
        } else if (dice < 38) {
            long inside = points.firstKey() + random.nextInt((int) (points.lastKey() - points.firstKey() + 1));
            if (points.containsKey(inside)) {
                return "nothing";
            }
            post(test, inside, 1);
            return "insert";
        } else if (dice < 53) {
            long existing = pick(points);
            user.json(List.of(point(test, existing, points.get(existing)))).put("/api/v0/result/" + test)
                    .then().statusCode(200);
            return "put " + existing;
        } else if (dice < 63) {
            long existing = pick(points);
            user.as().delete("/api/v0/result/" + test + "?timestamp=" + existing).then().statusCode(200);
            points.remove(existing);
            return "delete " + existing;
        } else if (dice < 66) {
            user.as().delete("/api/v0/result/" + test).then().statusCode(200);
            points.clear();
            return "delete test";
        } else if (dice < 76) {
            Map<String, Object> core = new LinkedHashMap<>();
            core.put("max_pvalue", random.nextBoolean() ? 0.001 : 0.05);
            core.put("min_magnitude", random.nextBoolean() ? 0.05 : 0.0);
            core.put("algorithm", random.nextBoolean() ? "otava" : "hunter");
            core.put("window_len", List.of(10, 30, 50).get(random.nextInt(3)));
            user.json(Map.of("core", core)).post("/api/v0/user/config").then().statusCode(200);
            return "config " + core;
        } else if (dice < 80) {
            user.as().delete("/api/v0/user/config").then().statusCode(200);
            return "config deleted";
        } else if (dice < 90) {
            String metric = METRICS.get(random.nextInt(METRICS.size()));
            user.json(List.of(metric)).post("/api/v0/result/" + test + "/changes/disable").then().statusCode(200);
            disabled.get(test).add(metric);
            return "disable " + metric;
        } else {
            user.json(List.of()).post("/api/v0/result/" + test + "/changes/enable").then().statusCode(200);
            disabled.get(test).clear();
            return "enable all";
        }
    }

    private void post(String test, long firstTimestamp, int count) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (long t = firstTimestamp; t < firstTimestamp + count; t++) {
            String commit = "c" + t + "-" + random.nextInt(1000);
            commits.get(test).put(t, commit);
            body.add(point(test, t, commit));
        }
        user.json(body).post("/api/v0/result/" + test).then().statusCode(200);
    }

    /** Levels that step at timestamps 40 and 100, with noise, so there are change points to find and lose. */
    private Map<String, Object> point(String test, long timestamp, String commit) {
        double level = timestamp < 40 ? 100 : timestamp < 100 ? 130 : 90;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("m1", level + random.nextGaussian() * 2);
        metrics.put("m2", 2 * level + random.nextGaussian() * 3);
        return Api.point(timestamp, metrics, "https://github.com/org/repo", "main", commit);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long pick(TreeMap<Long, String> points) {
        List<Long> keys = new ArrayList<>(points.keySet());
        return keys.get(random.nextInt(keys.size()));
    }

    private void assertConsistent(String after) {
        for (String test : TESTS) {
            assertConsistent(test, after);
        }
    }

    private void assertConsistent(String test, String after) {
        String report = user.as().get("/api/v0/result/" + test + "/changes").then().statusCode(200)
                .extract().asString();
        Response stored = user.as().get("/api/v0/result/" + test);
        String fresh;
        if (stored.statusCode() == 404) {
            fresh = "{}";
        } else {
            // the stored points as the store returned them: every double exactly as stored
            ObjectNode request = JSON.createObjectNode();
            request.set("results", readTree(stored.asString()));
            request.put("test_name", test);
            disabled.get(test).forEach(request.withArray("disabled")::add);
            fresh = user.as().contentType(ContentType.JSON).body(request.toString()).post("/api/v0/analyze")
                    .then().statusCode(200).extract().asString();
        }
        assertThat(report).as("report of %s after %s", test, after).isEqualTo(fresh);
    }
}
