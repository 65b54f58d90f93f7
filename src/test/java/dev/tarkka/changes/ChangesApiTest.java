package dev.tarkka.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Change reports, metric switches, user configuration and default data (api.md §14 items 9–16, 24–30, 42). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ChangesApiTest {

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    /** Series S of Nyrkio's tests: metric2 = 3, 3, 30 at timestamps 1, 2, 3; metric1 constant. */
    void postSeriesS(String name) {
        user.json(List.of(Api.point(1, Api.metrics("metric1", 1, "metric2", 3), "myrepo", "main", "c1"),
                Api.point(2, Api.metrics("metric1", 1, "metric2", 3), "myrepo", "main", "c2"),
                Api.point(3, Api.metrics("metric1", 1, "metric2", 30), "myrepo", "main", "c3")))
                .post("/api/v0/result/" + name).then().statusCode(200);
    }

    @Test
    void reportHasOnlyTheMetricThatChanged() {
        postSeriesS("benchmark1");
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200)
                .body("benchmark1", hasSize(1))
                .body("benchmark1[0].time", equalTo(3))
                .body("benchmark1[0].attributes", equalTo(Map.of("branch", "main", "git_repo", "myrepo", "git_commit", "c3")))
                .body("benchmark1[0].changes.metric", contains("metric2"))
                .body("benchmark1[0].changes[0].forward_change_percent", equalTo("900"))
                .body("benchmark1[0].changes[0].magnitude", equalTo("9.000000"))
                .body("benchmark1[0].changes[0].pvalue", equalTo("0.000000"));
    }

    @Test
    void pointsPostedOutOfOrderAreAnalysedInTimeOrder() {
        user.json(List.of(Api.point(3, "metric1", 30), Api.point(1, "metric1", 3), Api.point(2, "metric1", 3),
                Api.point(4, "metric1", 30))).post("/api/v0/result/benchmark1").then().statusCode(200)
                .body("benchmark1", hasSize(1));
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200)
                .body("benchmark1", hasSize(1))
                .body("benchmark1[0].time", equalTo(3))
                .body("benchmark1[0].changes", hasSize(1))
                .body("benchmark1[0].changes[0].mean_before", equalTo("3.000000"))
                .body("benchmark1[0].changes[0].mean_after", equalTo("30.000000"));
    }

    @Test
    void changesOfSeveralMetricsAtOneTimeShareAGroupInMetricOrder() {
        user.json(List.of(Api.point(1, Api.metrics("metric1", 3, "metric2", 5), "r", "main", "c1"),
                Api.point(2, Api.metrics("metric1", 3, "metric2", 5), "r", "main", "c2"),
                Api.point(3, Api.metrics("metric1", 30, "metric2", 50), "r", "main", "c3")))
                .post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200)
                .body("benchmark1", hasSize(1))
                .body("benchmark1[0].changes.metric", contains("metric1", "metric2"));
    }

    @Test
    void disablingAndEnablingMetrics() {
        postSeriesS("benchmark1");
        user.json(List.of("metric2")).post("/api/v0/result/benchmark1/changes/disable").then().statusCode(200)
                .body("$", equalTo(Map.of()));
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200).body("benchmark1", empty());
        user.json(List.of("metric", "metric2")).post("/api/v0/result/benchmark1/changes/disable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200).body("benchmark1", empty());
        user.json(List.of("metric2")).post("/api/v0/result/benchmark1/changes/enable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1[0].time", equalTo(3));
        user.json(List.of("metric1", "metric2")).post("/api/v0/result/benchmark1/changes/disable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("$", equalTo(Map.of()));
        user.json(List.of()).post("/api/v0/result/benchmark1/changes/enable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1[0].changes.metric", contains("metric2"));
        user.json(List.of()).post("/api/v0/result/benchmark1/changes/disable").then().statusCode(400)
                .body("detail", equalTo("No metrics to disable change detection for"));
        user.as().post("/api/v0/result/benchmark1/changes/disable").then().statusCode(400);
    }

    @Test
    void pointsAddedWhileDisabledShowTheirChangeWhenEnabled() {
        user.json(List.of("metric2")).post("/api/v0/result/benchmark1/changes/disable").then().statusCode(200);
        postSeriesS("benchmark1");
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1", empty());
        user.json(List.of("metric2")).post("/api/v0/result/benchmark1/changes/enable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1[0].time", equalTo(3));
    }

    @Test
    void slashedNamesWorkWithSwitches() {
        postSeriesS("benchmark1/test");
        user.as().get("/api/v0/result/benchmark1/test/changes").then().body("'benchmark1/test'[0].time", equalTo(3));
        user.json(List.of("metric2")).post("/api/v0/result/benchmark1/test/changes/disable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/test/changes").then().body("'benchmark1/test'", empty());
        user.json(List.of()).post("/api/v0/result/benchmark1/test/changes/enable").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/test/changes").then().body("'benchmark1/test'", hasSize(1));
    }

    @Test
    void unknownTestHasAnEmptyReport() {
        user.as().get("/api/v0/result/nothing/changes").then().statusCode(200).body("$", equalTo(Map.of()));
    }

    @Test
    void userConfigChangesTheOptions() {
        postSeriesS("benchmark1");
        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 20.0))).post("/api/v0/user/config")
                .then().statusCode(200).body(equalTo("null"));
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1", empty());
        user.as().delete("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1", hasSize(1));
    }

    @Test
    void userConfigMergesAtTheTopLevel() {
        Map<String, Object> notifiers = Map.of("slack", true, "github_pr", false, "github", true, "since_days", 7);
        user.json(Map.of("notifiers", notifiers)).post("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().statusCode(200)
                .body("notifiers", equalTo(notifiers))
                .body("billing", nullValue()).body("billing_runners", nullValue())
                .body("$", not(hasKey("core")));
        Map<String, Object> other = Map.of("slack", false, "github", false, "since_days", 14);
        user.json(Map.of("notifiers", other)).put("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("notifiers.slack", equalTo(false))
                .body("notifiers.github_pr", nullValue()).body("notifiers", hasKey("github_pr"));
        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.1))).post("/api/v0/user/config")
                .then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("notifiers.since_days", equalTo(14))
                .body("core.max_pvalue", equalTo(0.01f));
        user.json(Map.of()).put("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("core.min_magnitude", equalTo(0.1f));
    }

    @Test
    void userConfigValidation() {
        user.json(Map.of("core", Map.of("max_pvalue", 1.01, "min_magnitude", 0.05))).post("/api/v0/user/config")
                .then().statusCode(400).body("detail", equalTo("max_pvalue must be less than or equal to 1.0"));
        user.json(Map.of("billing", Map.of("plan", "business_monthly"))).post("/api/v0/user/config")
                .then().statusCode(400).body("detail", equalTo("You cannot set billing plan"));
        user.json(Map.of("github", Map.of("x", 1))).put("/api/v0/user/config")
                .then().statusCode(400).body("detail", equalTo("You cannot set github app config"));
        user.json(Map.of("core", Map.of("max_pvalue", 0.01))).post("/api/v0/user/config").then().statusCode(422)
                .body("detail[0].loc", contains("body", "core", "min_magnitude"))
                .body("detail[0].msg", equalTo("Field required"));
        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.05, "window_len", 1)))
                .post("/api/v0/user/config").then().statusCode(400);
        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.05, "algorithm", "magic")))
                .post("/api/v0/user/config").then().statusCode(400);
        user.json(Map.of("core", Map.of("max_pvalue", -0.01, "min_magnitude", 0.05)))
                .post("/api/v0/user/config").then().statusCode(400);
        user.as().get("/api/v0/user/config").then().body("$", not(hasKey("core")));
    }

    @Test
    void algorithmAndWindowAreConfigurable() {
        postSeriesS("benchmark1");
        user.json(Map.of("core", Map.of("max_pvalue", 0.001, "min_magnitude", 0.05, "algorithm", "hunter", "window_len", 2)))
                .post("/api/v0/user/config").then().statusCode(200);
        // a two-point window never finds anything (change-detection spec §14)
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1", empty());
        user.json(Map.of("core", Map.of("max_pvalue", 0.001, "min_magnitude", 0.05, "algorithm", "hunter", "window_len", 30)))
                .post("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1", hasSize(1));
    }

    /** 30 runs around 101, 30 around 121, then one slow run: a real step and a spike in the newest run. */
    static List<Double> stepThenSpike() {
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            values.add((i < 30 ? 100.0 : 120.0) + i % 3);
        }
        values.add(300.0);
        return values;
    }

    @Test
    void theTarkkaPresetChosenInTheUserConfigIgnoresASpikeInTheNewestRun() {
        List<Double> values = stepThenSpike();
        List<Map<String, Object>> points = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            points.add(Api.point(i + 1, "latency", values.get(i)));
        }
        user.json(points).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().body("benchmark1.time", contains(31, 61));

        user.json(Map.of("core", Map.of("max_pvalue", 0.001, "min_magnitude", 0.05, "algorithm", "tarkka")))
                .post("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("core.algorithm", equalTo("tarkka"));
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200)
                .body("benchmark1.time", contains(31))
                .body("benchmark1[0].changes[0].mean_before", equalTo("101.000000"))
                .body("benchmark1[0].changes[0].mean_after", equalTo("121.000000"))
                .body("benchmark1[0].changes[0].forward_change_percent", equalTo("20"));
    }

    @Test
    void analyzeAcceptsTheTarkkaPreset() {
        List<Double> series = stepThenSpike();
        user.json(Map.of("series", series)).post("/api/v0/analyze").then().statusCode(200)
                .body("analysis.changes.index.flatten()", contains(30, 60));
        user.json(Map.of("series", series, "algorithm", "tarkka")).post("/api/v0/analyze").then().statusCode(200)
                .body("analysis.changes.index.flatten()", contains(30));
        user.json(Map.of("series", series, "algorithm", "magic")).post("/api/v0/analyze").then().statusCode(400)
                .body("detail", equalTo("algorithm must be one of: otava, hunter, tarkka"));
    }

    @Test
    void defaultDataIsPublicAndCopiedToNewUsers() {
        given().get("/api/v0/default/results").then().statusCode(200).body("$", contains("default_benchmark"));
        given().get("/api/v0/default/result/default_benchmark").then().statusCode(200)
                .body("timestamp", contains(1, 2, 3))
                .body("[0]", not(hasKey("extra_info")))
                .body("[2].metrics[0].value", equalTo(30.0f));
        given().get("/api/v0/default/result/default_benchmark/changes").then().statusCode(200)
                .body("default_benchmark", hasSize(1)).body("default_benchmark[0].time", equalTo(3));
        given().get("/api/v0/default/result/unknown").then().statusCode(200).body("$", empty());

        Api fresh = Api.registered();
        fresh.as().get("/api/v0/results").then().body("test_name", contains("default_benchmark"));
        fresh.as().get("/api/v0/result/default_benchmark/changes").then().body("default_benchmark[0].time", equalTo(3));
    }

    @Test
    void analyzeStoresNothing() {
        user.json(Map.of("series", List.of(1, 1, 1, 1, 2, 2, 2, 2))).post("/api/v0/analyze").then().statusCode(200)
                .body("analysis[0].changes[0].index", equalTo(4));
        user.json(Map.of("series", List.of(1, 1, 2), "time", List.of(10, 20, 30), "test_name", "adhoc",
                "algorithm", "hunter")).post("/api/v0/analyze").then().statusCode(200)
                .body("adhoc[0].time", equalTo(30));
        user.json(List.of(Api.point(1, "m", 3), Api.point(2, "m", 3), Api.point(3, "m", 30)))
                .post("/api/v0/analyze?test_name=t").then().statusCode(200).body("t[0].time", equalTo(3));
        user.json(Map.of("series", List.of(1, 2), "window_len", 1)).post("/api/v0/analyze").then().statusCode(400);
        user.as().contentType(ContentType.JSON).body("{\"series\": [1, \"x\"]}").post("/api/v0/analyze").then()
                .statusCode(422);
        user.as().get("/api/v0/results").then().body("$", empty());
        given().contentType(ContentType.JSON).body(Map.of("series", List.of(1))).post("/api/v0/analyze").then()
                .statusCode(401);
    }

    /**
     * A bare series is read as it streams, never as a tree; what it is refused for, and where, is what the tree
     * reader answered (these answers were recorded from it).
     */
    @Test
    void analyzeChecksABareSeriesElementByElement() {
        String[][] refused = {
                { "{\"series\": [1, \"x\"]}", "float_type", "[body, series, 1]" },
                { "{\"series\": [1, 1e999]}", "float_type", "[body, series, 1]" },
                { "{\"series\": [{\"a\": [1, 2]}, 2]}", "float_type", "[body, series, 0]" },
                { "{\"series\": [true, 2]}", "float_type", "[body, series, 0]" },
                { "{\"series\": [1, 2, \"x\"], \"time\": [1, \"y\", 3]}", "int_type", "[body, time, 1]" },
                { "{\"series\": [1, \"x\"], \"time\": [1, \"y\"]}", "float_type", "[body, series, 1]" },
                { "{\"series\": [1, 2], \"time\": [9223372036854775808, 1]}", "int_type", "[body, time, 0]" },
                { "{\"series\": [1, 2], \"time\": [1e19, 1]}", "int_type", "[body, time, 0]" },
                { "{\"series\": [1, 2], \"time\": [null, 1]}", "int_type", "[body, time, 0]" },
                { "{\"series\": [1, 2], \"time\": [1]}", "value_error", "[body, time]" },
                { "{\"series\": [1, 2], \"time\": null}", "value_error", "[body, time]" },
                { "{\"series\": null}", "list_type", "[body, series]" },
                { "{\"series\": [1, 2], \"series\": null}", "list_type", "[body, series]" },
                { "{\"series\": \"abc\", \"time\": [1]}", "list_type", "[body, series]" },
                { "{\"series\": [1, 2], \"disabled\": \"x\"}", "list_type", "[body, disabled]" },
                { "{\"series\": [1, 2], \"x\": \"\\ud800\"}", "string_unicode", "[body]" },
                { "{\"series\": [1]} {}", "json_invalid", "[body]" },
                { "{\"series\": [1,", "json_invalid", "[body]" } };
        for (String[] body : refused) {
            user.as().contentType(ContentType.JSON).body(body[0]).post("/api/v0/analyze").then().statusCode(422)
                    .body("detail[0].type", equalTo(body[1])).body("detail[0].loc.toString()", equalTo(body[2]));
        }
        String steps = "[1, 1, 1, 1, 5, 5, 5, 5]";
        // times: integers, or numbers truncated to one; the last of a field given twice counts; any field order
        user.as().contentType(ContentType.JSON).body("{\"series\": " + steps + ", \"time\": [10, 20.7, 30, 40, 50, 60, 70, 80]}")
                .post("/api/v0/analyze").then().statusCode(200).body("analysis[0].time", equalTo(50));
        user.as().contentType(ContentType.JSON).body("{\"series\": [5], \"series\": " + steps + "}")
                .post("/api/v0/analyze").then().statusCode(200).body("analysis[0].changes[0].index", equalTo(4));
        user.as().contentType(ContentType.JSON)
                .body("{\"time\": [1, 2, 3, 4, 5, 6, 7, 8], \"metric\": \"lat\", \"series\": [1, null, 1, 1, 5, 5, 5, 5]}")
                .post("/api/v0/analyze").then().statusCode(200).body("analysis[0].time", equalTo(5))
                .body("analysis[0].changes[0].metric", equalTo("lat"));
        user.as().contentType(ContentType.JSON).body("{\"series\": " + steps + ", \"metric\": \"lat\", \"disabled\": [\"lat\"]}")
                .post("/api/v0/analyze").then().statusCode(200).body("$", anEmptyMap());
    }
}
