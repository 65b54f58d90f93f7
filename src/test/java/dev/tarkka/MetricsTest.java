package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.FakeTargets;
import dev.tarkka.support.FakeTargetsResource;
import dev.tarkka.support.Fakes;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code /q/metrics} after a short load: every family the README and the Grafana dashboard name has values, HTTP
 * requests are counted per route template (uploads to 1,000 more test names, and reports, refused paths and refused
 * methods for a tenth of them, add no series), and the dashboard uses only names the service publishes.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(FakeTargetsResource.class)
class MetricsTest {

    static final Path DASHBOARD = Path.of("deploy", "grafana", "tarkka.json");
    static final String HTTP_COUNT = "http_server_requests_seconds_count";

    /** The user whose notifications keep failing in {@link #everyFamilyHasValuesAfterALoadAndTheDashboardUsesTheirNames}. */
    Api notified;

    /** Its channel off, its notifications skipped: nothing of this test reaches the fakes of the next. */
    @AfterEach
    void targetsBackToNormal() {
        Fakes.mode(FakeTargets.Mode.OK);
        if (notified != null) {
            notified.as().delete("/api/v0/user/config").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notified.as().get("/api/v0/notifications")
                    .jsonPath().getList("status", String.class).stream().noneMatch("pending"::equals));
        }
    }

    /** Issue 14's figure; every tenth name also gets the other kinds of request. */
    int testNames() {
        return 1_000;
    }

    @Test
    void httpSeriesDoNotGrowWithTestNames() throws Exception {
        int names = testNames();
        Api user = Api.newUser();
        oneOfEachKind(user, "warm-up");
        int before = series(scrape(), HTTP_COUNT).size();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < names; i++) {
                String name = "cardinality/" + UUID.randomUUID() + "/bench-" + i;
                // a route that counted raw paths would add a series per name: a tenth of them shows it as well
                boolean everyKind = i % 10 == 0;
                uploads.add(clients.submit(() -> {
                    if (everyKind) {
                        oneOfEachKind(user, name);
                    } else {
                        upload(user, name);
                    }
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            clients.shutdown();
        }
        List<String> after = series(scrape(), HTTP_COUNT);
        System.out.printf("HTTP metric series (%s): %d before, %d after %d more test names%n", HTTP_COUNT, before,
                after.size(), names);
        assertThat(after).as("series after %d more test names", names).hasSize(before)
                .noneMatch(line -> line.contains("cardinality/"));
        user.as().get("/api/v0/results").then().statusCode(200);
    }

    /** An upload, a report, a request the guard refuses and a method the path does not allow, all naming {@code name}. */
    static void oneOfEachKind(Api user, String name) {
        upload(user, name);
        user.as().get("/api/v0/result/" + name + "/changes").then().statusCode(200);
        user.as().get("/api/v0/result/" + name + "/").then().statusCode(400);
        user.as().contentType(ContentType.JSON).body("[]").patch("/api/v0/result/" + name).then().statusCode(405);
    }

    static void upload(Api user, String name) {
        user.json(List.of(Api.point(1_700_000_000L, "latency", 12.5))).post("/api/v0/result/" + name).then().statusCode(200);
    }

    @Test
    void everyFamilyHasValuesAfterALoadAndTheDashboardUsesTheirNames() throws IOException {
        // logins: a success, failures, and an account throttled
        Api user = Api.newUser();
        notified = user;
        String throttled = "throttled-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 12; i++) {
            given().contentType(ContentType.URLENC).formParam("username", throttled).formParam("password", "wrong")
                    .post("/api/v0/auth/jwt/login");
        }
        // uploads with a regression, announced to a webhook that keeps failing: deliveries retry, the backlog stays
        Fakes.mode(FakeTargets.Mode.ERROR_500);
        user.json(Map.of("notifiers", Map.of("slack", false, "github", false, "since_days", 14,
                "webhook", Map.of("url", Fakes.url("/hook"))))).post("/api/v0/user/config").then().statusCode(200);
        user.json(regression()).post("/api/v0/result/metrics/regression").then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Double> totals = totals(scrape());
            assertThat(totals).as("backlog counted (every tarkka.notify.backlog-interval)").containsKey("tarkka_notify_backlog");
            assertThat(totals.get("tarkka_notify_backlog")).as("backlog").isPositive();
            for (String positive : List.of(HTTP_COUNT, "http_server_requests_seconds_bucket", "tarkka_detection_seconds_count",
                    "tarkka_detection_seconds_bucket", "tarkka_detection_points_count", "tarkka_detection_points_sum",
                    "mongodb_driver_commands_seconds_count", "mongodb_driver_commands_seconds_bucket",
                    "mongodb_driver_pool_size", "tarkka_detection_pool_size", "tarkka_notify_deliveries_total")) {
                assertThat(totals.getOrDefault(positive, 0.0)).as(positive).isPositive();
            }
            for (String present : List.of("tarkka_detection_pool_active", "tarkka_detection_pool_queued",
                    "tarkka_detection_pool_rejected_total")) {
                assertThat(totals).as("published").containsKey(present);
            }
            String scraped = scrape();
            for (String outcome : List.of("success", "failure", "throttled")) {
                assertThat(value(scraped, "tarkka_auth_logins_total{outcome=\"" + outcome + "\"}")).as(outcome).isPositive();
            }
            assertThat(value(scraped, "tarkka_notify_deliveries_total{channel=\"webhook\",outcome=\"retry\"}")).isPositive();
        });

        Set<String> published = totals(scrape()).keySet();
        Set<String> used = dashboardNames();
        assertThat(used).as("names in %s", DASHBOARD).hasSizeGreaterThan(15);
        assertThat(published).as("published by /q/metrics").containsAll(used);
    }

    /** Sixteen runs at 100 ms, then six at 150 ms, ending now: a regression within since_days. */
    static List<Map<String, Object>> regression() {
        long end = Instant.now().getEpochSecond();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            points.add(Api.point(end - (21 - i) * 600L, Api.metrics("latency", (i < 16 ? 100 : 150) + (i % 3) * 0.5),
                    "https://github.com/acme/metrics", "main", "commit-" + i));
        }
        return points;
    }

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The series lines of one metric (name and labels, without the value). */
    static List<String> series(String scraped, String name) {
        return scraped.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    }

    /** Every metric name with the sum of its series' values. */
    static Map<String, Double> totals(String scraped) {
        Map<String, Double> totals = new LinkedHashMap<>();
        scraped.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int labels = l.indexOf('{');
            int space = l.lastIndexOf(' ');
            String name = l.substring(0, labels >= 0 ? labels : space);
            double v = Double.parseDouble(l.substring(space + 1));
            totals.merge(name, Double.isFinite(v) ? v : 0, Double::sum);
        });
        return totals;
    }

    static double value(String scraped, String series) {
        return scraped.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }

    /** The metric names the dashboard's queries select: every selector there is {@code name{job=~"$job"...}}. */
    static Set<String> dashboardNames() throws IOException {
        Matcher names = Pattern.compile("([a-z_][a-z0-9_]*)\\{job=~").matcher(Files.readString(DASHBOARD).replace("\\\"", "\""));
        Set<String> used = new TreeSet<>();
        while (names.find()) {
            used.add(names.group(1));
        }
        return used;
    }
}
