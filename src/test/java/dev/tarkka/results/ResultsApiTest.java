package dev.tarkka.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The results endpoints as Nyrkio's own tests pin them down (api.md §14), with Tarkka's fixes (Part A). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ResultsApiTest {

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    @Test
    void listingNeedsCredentialsAndStartsEmpty() {
        given().get("/api/v0/results").then().statusCode(401).body("detail", equalTo("Unauthorized"));
        user.as().get("/api/v0/results").then().statusCode(200).body("$", empty());
    }

    @Test
    void resultsSupportsOnlyGetAndDelete() {
        user.as().put("/api/v0/results").then().statusCode(405).body("detail", equalTo("Method Not Allowed"));
        user.as().patch("/api/v0/results").then().statusCode(405).body("detail", equalTo("Method Not Allowed"));
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().delete("/api/v0/results").then().statusCode(200).body("$", empty());
        user.as().get("/api/v0/results").then().statusCode(200).body("$", empty());
    }

    @Test
    void unknownTestIsNotFound() {
        user.as().get("/api/v0/result/benchmark1").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void postedPointsAreStoredListedAndSorted() {
        user.json(List.of(Api.point(3, "metric1", 30), Api.point(1, "metric1", 10), Api.point(2, "metric1", 20)))
                .post("/api/v0/result/benchmark3").then().statusCode(200);
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/benchmark2").then().statusCode(200);
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/benchmark1").then().statusCode(200);

        user.as().get("/api/v0/results").then().statusCode(200)
                .body("test_name", contains("benchmark1", "benchmark2", "benchmark3"));
        user.as().get("/api/v0/result/benchmark3").then().statusCode(200)
                .body("timestamp", contains(1, 2, 3))
                .body("[0].metrics[0]", equalTo(Map.of("name", "metric1", "unit", "ms", "value", 10)))
                .body("[0].attributes", equalTo(Map.of("git_repo", "myrepo", "branch", "main", "git_commit", "123456")))
                .body("[0].extra_info", nullValue());
    }

    @Test
    void deletesOnePointOrTheWholeTest() {
        user.json(List.of(Api.point(1, "metric1", 1), Api.point(2, "metric1", 2))).post("/api/v0/result/benchmark1")
                .then().statusCode(200);
        user.as().delete("/api/v0/result/benchmark1?timestamp=1").then().statusCode(200).body("$", empty());
        user.as().get("/api/v0/result/benchmark1").then().statusCode(200).body("timestamp", contains(2));
        user.as().delete("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1").then().statusCode(404);
        user.as().delete("/api/v0/result/benchmark1").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void timestampZeroDeletesOnlyThatPoint() {
        user.json(List.of(Api.point(0, "metric1", 1), Api.point(2, "metric1", 2))).post("/api/v0/result/zero")
                .then().statusCode(200);
        user.as().delete("/api/v0/result/zero?timestamp=0").then().statusCode(200);
        user.as().get("/api/v0/result/zero").then().statusCode(200).body("timestamp", contains(2));
        user.as().delete("/api/v0/result/zero?timestamp=abc").then().statusCode(422)
                .body("detail[0].loc", contains("query", "timestamp"));
    }

    @Test
    void missingAttributesAreReportedInFieldOrder() {
        Map<String, Object> point = Map.of("timestamp", 1, "metrics", List.of(Map.of("name", "m", "unit", "ms", "value", 1)),
                "attributes", Map.of("git_repo", "myrepo"));
        user.json(List.of(point)).post("/api/v0/result/benchmark1").then().statusCode(422)
                .body("detail[0].msg", equalTo("Field required"))
                .body("detail[0].loc", contains("body", 0, "attributes", "git_commit"))
                .body("detail[1].loc", contains("body", 0, "attributes", "branch"));
        user.as().get("/api/v0/result/benchmark1").then().statusCode(404);
    }

    @Test
    void aMetricWithoutUnitIsRejectedAndNothingIsStored() {
        Map<String, Object> point = Map.of("timestamp", 1, "metrics", List.of(Map.of("name", "m", "value", 1)),
                "attributes", Map.of("git_repo", "myrepo", "branch", "main", "git_commit", "123456"));
        user.json(List.of(Api.point(2, "metric1", 1), point)).post("/api/v0/result/benchmark1").then().statusCode(422)
                .body("detail[0].loc", contains("body", 1, "metrics", 0, "unit"));
        user.as().get("/api/v0/result/benchmark1").then().statusCode(404);
    }

    @Test
    void duplicateKeyIsA400WithTheKeyAndTheKeyIncludesTheRepo() {
        List<Map<String, Object>> body = List.of(Api.point(1, "metric1", 1));
        user.json(body).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.json(body).post("/api/v0/result/benchmark1").then().statusCode(400)
                .body("detail.reason", equalTo("Result already exists for key"))
                .body("detail.data", equalTo(Map.of("test_name", "benchmark1", "timestamp", 1, "git_repo", "myrepo",
                        "branch", "main", "git_commit", "123456")));
        user.json(List.of(Api.point(2, "metric1", 1))).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.json(List.of(Api.point(1, Map.of("metric1", 1), "myrepo2", "main", "123456")))
                .post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1").then().body("$", hasSize(3));
    }

    @Test
    void aDuplicateAnywhereInTheUploadStoresNothingOfIt() {
        user.json(List.of(Api.point(5, "metric1", 1))).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.json(List.of(Api.point(3, "metric1", 1), Api.point(4, "metric1", 1), Api.point(5, "metric1", 1)))
                .post("/api/v0/result/benchmark1").then().statusCode(400)
                .body("detail.data.timestamp", equalTo(5));
        user.json(List.of(Api.point(6, "metric1", 1), Api.point(6, "metric1", 2)))
                .post("/api/v0/result/benchmark1").then().statusCode(400);
        user.as().get("/api/v0/result/benchmark1").then().statusCode(200).body("timestamp", contains(5));
    }

    @Test
    void extraInfoRoundTrips() {
        Map<String, Object> extra = Map.of("foo", Map.of("bar", Map.of("baz", 1), "qux", List.of(1, 2, 3)));
        Map<String, Object> point = new HashMap<>(Api.point(1, "metric1", 1));
        point.put("extra_info", extra);
        user.json(List.of(point)).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1").then().statusCode(200).body("[0].extra_info", equalTo(extra));
    }

    @Test
    void unknownKeysAreDroppedAndTheAnswerSaysWhich() {
        Map<String, Object> point = new HashMap<>(Api.point(1, "metric1", 1));
        Map<String, Object> attributes = new HashMap<>(Map.of("git_repo", "myrepo", "branch", "main",
                "git_commit", "123456", "os", "linux"));
        point.put("attributes", attributes);
        point.put("runner", "ubuntu");
        point.put("metrics", List.of(Map.of("name", "metric1", "unit", "ms", "value", 1, "stddev", 0.1)));
        user.json(List.of(point, point)).put("/api/v0/result/extra").then().statusCode(200)
                .body("extra", empty())
                .body("warnings", hasSize(1))
                .body("warnings[0]", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith("Unknown keys were ignored and not stored: "),
                        org.hamcrest.Matchers.containsString("attributes.os"),
                        org.hamcrest.Matchers.containsString("runner"),
                        org.hamcrest.Matchers.containsString("metrics[].stddev")));
        user.as().get("/api/v0/result/extra").then().statusCode(200)
                .body("[0].attributes.keySet()", org.hamcrest.Matchers.containsInAnyOrder("git_repo", "branch",
                        "git_commit"))
                .body("[0].runner", nullValue())
                .body("[0].metrics[0].stddev", nullValue());
        // an upload without unknown keys answers the report alone, as Nyrkio does
        user.json(List.of(Api.point(2, "metric1", 1))).post("/api/v0/result/extra").then().statusCode(200)
                .body("warnings", nullValue());
    }

    @Test
    void aLongSeriesCanBeReadInPages() {
        List<Map<String, Object>> points = new java.util.ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            points.add(Api.point(t, "metric1", t));
        }
        user.json(points).post("/api/v0/result/paged").then().statusCode(200);
        user.as().get("/api/v0/result/paged?limit=3").then().statusCode(200).body("timestamp", contains(1, 2, 3));
        user.as().get("/api/v0/result/paged?since=4&limit=3").then().statusCode(200).body("timestamp", contains(4, 5, 6));
        user.as().get("/api/v0/result/paged?since=9").then().statusCode(200).body("timestamp", contains(9, 10));
        user.as().get("/api/v0/result/paged?limit=0").then().statusCode(422)
                .body("detail[0].loc", contains("query", "limit"));
        user.as().get("/api/v0/result/paged?since=soon").then().statusCode(422)
                .body("detail[0].loc", contains("query", "since"));
        user.as().get("/api/v0/result/unknown?limit=3").then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void putReplacesThePointWithTheSameKey() {
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.json(List.of(Api.point(1, "metric1", 42))).put("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].metrics[0].value", equalTo(42));
    }

    @Test
    void putThatRemovesTheStepRemovesTheChange() {
        user.json(List.of(Api.point(1, "metric1", 1), Api.point(2, "metric1", 1), Api.point(3, "metric1", 30)))
                .post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200)
                .body("benchmark1", hasSize(1)).body("benchmark1[0].time", equalTo(3));
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200).body("benchmark1", hasSize(1));
        user.json(List.of(Api.point(3, "metric1", 1))).put("/api/v0/result/benchmark1").then().statusCode(200)
                .body("benchmark1", empty());
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200).body("benchmark1", empty());
    }

    @Test
    void namesWithSlashesWorkEverywhere() {
        String name = "benchmark1/test";
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/" + name).then().statusCode(200)
                .body("'benchmark1/test'", empty());
        user.as().get("/api/v0/result/" + name).then().statusCode(200).body("$", hasSize(1));
        user.as().get("/api/v0/results").then().body("test_name", contains(name));
        user.as().get("/api/v0/result/" + name + "/changes").then().statusCode(200).body("'benchmark1/test'", empty());
        user.as().urlEncodingEnabled(false).get("/api/v0/result/benchmark1%2Ftest").then().statusCode(200).body("$", hasSize(1));
        user.as().delete("/api/v0/result/" + name).then().statusCode(200);
        user.as().get("/api/v0/result/" + name).then().statusCode(404);
    }

    @Test
    void suffixRoutesWinForGetButNotForDelete() {
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/a/changes").then().statusCode(200);
        // GET .../changes is the change report of test "a", which has no data
        user.as().get("/api/v0/result/a/changes").then().statusCode(200).body("$", equalTo(Map.of()));
        user.as().delete("/api/v0/result/a/changes").then().statusCode(200);
        user.as().get("/api/v0/results").then().body("$", empty());
    }

    @Test
    void emptyOrOversizedNamesAndEmptyUploadsAreRejected() {
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/").then().statusCode(400)
                .body("detail", equalTo("Test name must not be empty"));
        user.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/" + "x".repeat(2000)).then()
                .statusCode(400);
        user.json(List.of()).post("/api/v0/result/benchmark1").then().statusCode(400);
        user.json(Map.of("timestamp", 1)).post("/api/v0/result/benchmark1").then().statusCode(422)
                .body("detail[0].type", equalTo("list_type"));
        user.as().contentType(ContentType.JSON).body("[{").post("/api/v0/result/benchmark1").then().statusCode(422)
                .body("detail[0].type", equalTo("json_invalid"));
        user.as().get("/api/v0/results").then().body("$", empty());
    }

    @Test
    void laxCoercionsOfNyrkioAreAccepted() {
        Map<String, Object> point = Map.of("timestamp", "12", "metrics",
                List.of(Map.of("name", "m", "unit", "ms", "value", "3.5", "direction", "higher_is_better")),
                "attributes", Map.of("git_repo", "https://GitHub.com/Org/Repo/", "branch", "main", "git_commit", "c"),
                "ignored", "dropped");
        user.json(List.of(point)).post("/api/v0/result/coerced").then().statusCode(200);
        user.as().get("/api/v0/result/coerced").then().statusCode(200)
                .body("[0].timestamp", equalTo(12))
                .body("[0].metrics[0].value", equalTo(3.5f))
                .body("[0].metrics[0].direction", equalTo("higher_is_better"))
                .body("[0].attributes.git_repo", equalTo("https://github.com/org/repo"))
                .body("[0].ignored", nullValue());
    }
}
