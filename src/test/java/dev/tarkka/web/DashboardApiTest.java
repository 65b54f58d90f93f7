package dev.tarkka.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard's own reads and its pages. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class DashboardApiTest {

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    @Test
    void latestIsTheNewestOwnPointOfEveryTest() {
        user.json(List.of(Api.point(2, Api.metrics("m", 2.0), "https://github.com/o/r", "main", "c2"),
                Api.point(1, Api.metrics("m", 1.0), "https://github.com/o/r", "main", "c1")))
                .post("/api/v0/result/org/b").then().statusCode(200);
        user.json(List.of(Api.point(5, Api.metrics("x", 5.0, "y", 6.0), "r", "dev", "c5")))
                .post("/api/v0/result/org/a").then().statusCode(200);
        user.json(List.of(Api.point(9, Api.metrics("m", 9.0), "https://github.com/o/r", "feature", "pr")))
                .put("/api/v0/pulls/o/r/7/result/org/b").then().statusCode(200);

        user.as().get("/api/v0/dashboard/latest").then().statusCode(200)
                .body("test_name", contains("org/a", "org/b"))
                .body("[0].timestamp", equalTo(5)).body("[0].metrics.name", contains("x", "y"))
                .body("[0].attributes.branch", equalTo("dev"))
                .body("[1].timestamp", equalTo(2)).body("[1].metrics[0].value", equalTo(2.0f))
                .body("[1].attributes.git_commit", equalTo("c2"));
        Api.newUser().as().get("/api/v0/dashboard/latest").then().statusCode(200).body("$", empty());
        given().get("/api/v0/dashboard/latest").then().statusCode(401);
    }

    @Test
    void aSeriesIsItsColumnsAndItsMetricsChangePointsAtTheirPoints() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            // "sparse" is measured in every other run only, so its series positions are not the columns' positions
            Map<String, Object> metrics = t % 2 == 0 ? Api.metrics("steady", 5.0, "sparse", t < 6 ? 10.0 : 20.0)
                    : Api.metrics("steady", 5.0);
            points.add(Api.point(100 + t, metrics, "https://github.com/o/r", "main", "c" + t));
        }
        user.json(points).post("/api/v0/result/a/b").then().statusCode(200);

        user.as().get("/api/v0/dashboard/series/a/b").then().statusCode(200)
                .body("test_name", equalTo("a/b"))
                .body("options.algorithm", equalTo("otava")).body("options.max_pvalue", equalTo(0.001f))
                .body("timestamps", hasSize(12)).body("timestamps[11]", equalTo(111))
                .body("git_commits[3]", equalTo("c3")).body("git_repos[0]", equalTo("https://github.com/o/r"))
                .body("metrics.name", contains("steady", "sparse"))
                .body("metrics[0].unit", equalTo("ms")).body("metrics[0].direction", nullValue())
                .body("metrics[0].change_points", empty())
                .body("metrics[1].values[1]", nullValue()).body("metrics[1].values[6]", equalTo(20.0f))
                .body("metrics[1].change_points.point", contains(6))
                .body("metrics[1].change_points[0].forward_change_percent", equalTo(100.0f))
                .body("metrics[1].change_points[0].mean_before", equalTo(10.0f))
                .body("metrics[1].disabled", equalTo(false));

        user.json(List.of("sparse")).post("/api/v0/result/a/b/changes/disable").then().statusCode(200);
        user.as().get("/api/v0/dashboard/series/a/b").then().statusCode(200)
                .body("metrics[1].disabled", equalTo(true)).body("metrics[1].change_points", empty())
                .body("metrics[1].values[6]", equalTo(20.0f));
    }

    @Test
    void aSeriesFollowsTheOwnersOptions() {
        user.json(Map.of("core", Map.of("max_pvalue", 0.05, "min_magnitude", 0.1, "algorithm", "hunter",
                "window_len", 30))).post("/api/v0/user/config").then().statusCode(200);
        user.json(List.of(Api.point(1, "m", 1.0))).post("/api/v0/result/t").then().statusCode(200);
        user.as().get("/api/v0/dashboard/series/t").then().statusCode(200)
                .body("options.algorithm", equalTo("hunter")).body("options.window_len", equalTo(30))
                .body("options.max_pvalue", equalTo(0.05f)).body("options.min_magnitude", equalTo(0.1f));
    }

    @Test
    void aTestWithoutOwnPointsIsNotFound() {
        user.as().get("/api/v0/dashboard/series/nope").then().statusCode(404).body("detail", equalTo("Not Found"));
        user.json(List.of(Api.point(9, "m", 9.0))).put("/api/v0/pulls/o/r/7/result/only/pr").then().statusCode(200);
        user.as().get("/api/v0/dashboard/series/only/pr").then().statusCode(404);
        user.json(List.of(Api.point(1, "m", 1.0))).post("/api/v0/result/mine").then().statusCode(200);
        Api.newUser().as().get("/api/v0/dashboard/series/mine").then().statusCode(404);
        given().get("/api/v0/dashboard/series/mine").then().statusCode(401);
    }

    @Test
    void pagesAreServedToEveryoneAndHoldNoData() {
        for (String page : List.of("/", "/tests/a/b/c", "/tests/%3Cimg%20src%3Dx%3E", "/commits", "/pulls",
                "/settings", "/login")) {
            given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<script type=\"module\" src=\"/assets/"));
        }
        given().get("/tests/").then().statusCode(404).body("detail", equalTo("Not Found"));
        given().get("/assets/tarkka.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/webjars/uplot/1.6.30/dist/uPlot.esm.js").then().statusCode(200);
    }
}
