package dev.tarkka.summaries;

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

/** Dashboard summaries and the per-commit view, kept current by every kind of write (api.md §4.9, §4.10). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SummariesApiTest {

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    void post(String name, long t0, double... values) {
        List<Map<String, Object>> points = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(Api.point(t0 + i, Map.of("metric1", values[i]), "https://github.com/org/repo", "main", "c" + (t0 + i)));
        }
        user.json(points).post("/api/v0/result/" + name).then().statusCode(200);
    }

    @Test
    void leafPrefixAndSiblingSummaries() {
        post("org/repo/main/a", 1, 3, 3, 30);
        post("org/repo/main/b", 10, 5, 5, 5, 1);
        post("org/repo/other/c", 100, 7, 7, 7);

        user.as().get("/api/v0/result/org/repo/main/a/summary").then().statusCode(200)
                .body("total_change_points", equalTo(1))
                .body("newest_time", equalTo(3)).body("newest_test_name", equalTo("org/repo/main/a"))
                .body("newest_change_point.metric", equalTo("metric1"))
                .body("newest_change_point.forward_change_percent", equalTo("900"))
                .body("largest_change", equalTo(900.0f))
                .body("largest_change_point.time", equalTo(3));
        user.as().get("/api/v0/result/org/repo/main/summary").then().statusCode(200)
                .body("total_change_points", equalTo(2))
                .body("newest_time", equalTo(13)).body("newest_test_name", equalTo("org/repo/main/b"))
                .body("oldest_time", equalTo(3)).body("largest_test_name", equalTo("org/repo/main/a"));
        user.as().get("/api/v0/result/org/repo/other/c/summary").then().statusCode(200)
                .body("total_change_points", equalTo(0)).body("newest_time", nullValue())
                .body("largest_change", nullValue()).body("$", not(hasKey("largest_change_point")));
        user.as().get("/api/v0/result/nope/summary").then().statusCode(404);

        user.as().get("/api/v0/result/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("org", "org/repo", "org/repo/main", "org/repo/main/a", "org/repo/main/b",
                        "org/repo/other", "org/repo/other/c"))
                .body("org.total_change_points", equalTo(2));
        user.as().get("/api/v0/result/org/repo/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("org/repo/main", "org/repo/other"));
        user.as().get("/api/v0/result/org/repo/main/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("org/repo/main/a", "org/repo/main/b"));
        user.as().get("/api/v0/result/org/repo/main/a/summarySiblings").then().statusCode(404)
                .body("detail", equalTo("Not Found (summarySiblings, no children for org/repo/main/a)"));
    }

    @Test
    void summariesFollowEveryWrite() {
        post("t/a", 1, 3, 3, 30);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(1));
        // PUT removes the step
        user.json(List.of(Api.point(3, Map.of("metric1", 3.0), "https://github.com/org/repo", "main", "c3")))
                .put("/api/v0/result/t/a").then().statusCode(200);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(0));
        // a new point brings a step back
        post("t/a", 4, 60);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(1));
        // disabling the metric takes it out
        user.json(List.of("metric1")).post("/api/v0/result/t/a/changes/disable").then().statusCode(200);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(0));
        user.json(List.of()).post("/api/v0/result/t/a/changes/enable").then().statusCode(200);
        // so does a config that asks for a larger change
        user.json(Map.of("core", Map.of("max_pvalue", 0.001, "min_magnitude", 100.0))).post("/api/v0/user/config")
                .then().statusCode(200);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(0));
        user.as().delete("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(1));
        // deleting the step point, then the test, then everything
        user.as().delete("/api/v0/result/t/a?timestamp=4").then().statusCode(200);
        user.as().get("/api/v0/result/t/summary").then().body("total_change_points", equalTo(0));
        post("t/b", 1, 1, 1, 2);
        user.as().delete("/api/v0/result/t/a").then().statusCode(200);
        user.as().get("/api/v0/result/summarySiblings").then().body("keySet()", contains("t", "t/b"));
        user.as().delete("/api/v0/results").then().statusCode(200);
        user.as().get("/api/v0/result/summarySiblings").then().statusCode(404);
        user.as().get("/api/v0/result/t/summary").then().statusCode(404);
    }

    @Test
    void perCommitListsChangesByCommitNewestFirst() {
        post("org/repo/main/a", 1, 3, 3, 30, 30, 30, 300);
        post("org/repo/main/b", 1, 5, 5, 50);
        user.as().get("/api/v0/changes/perCommit/org/repo").then().statusCode(200)
                .body("$", hasSize(3))
                .body("time", contains(6, 3, 3))
                .body("test_name", contains("org/repo/main/a", "org/repo/main/a", "org/repo/main/b"))
                .body("[0]._id.git_commit", equalTo("c6"))
                .body("[0]._id.max_pvalue", equalTo(0.001f))
                .body("[0].attributes.git_repo", equalTo("https://github.com/org/repo"))
                .body("[0].metric.name", contains("metric1"))
                .body("[0].cp_values[0].forward_change_percent", equalTo(900.0f))
                .body("[0].meta", hasKey("change_points_timestamp"));
        user.as().get("/api/v0/changes/perCommit/org/repo/?commit=c3").then().statusCode(200)
                .body("test_name", contains("org/repo/main/a", "org/repo/main/b"));
        user.as().get("/api/v0/changes/perCommit/org/rep").then().statusCode(200).body("$", empty());
        Api.newUser().as().get("/api/v0/changes/perCommit/org").then().statusCode(200).body("$", empty());
    }

    @Test
    void prefixesAreLiteralNotPatterns() {
        post("re.gex(1)/a", 1, 3, 3, 30);
        post("reXgex(1)/b", 1, 3, 3, 30);
        user.as().get("/api/v0/result/re.gex(1)/summary").then().statusCode(200).body("total_change_points", equalTo(1));
        user.as().get("/api/v0/result/re.gex(1)/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("re.gex(1)/a"));
        user.as().get("/api/v0/changes/perCommit/re.gex(1)").then().statusCode(200)
                .body("test_name", contains("re.gex(1)/a"));
    }

    @Test
    void precomputeIsForAdministrators() {
        user.as().get("/api/v0/results/precompute").then().statusCode(403).body("detail", equalTo("Forbidden"));
    }
}
