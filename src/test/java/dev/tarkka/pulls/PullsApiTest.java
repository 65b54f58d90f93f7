package dev.tarkka.pulls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Pull-request results as Nyrkio's tests pin them down (api.md §14 items 45–48), with Tarkka's fixes. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class PullsApiTest {

    static final String REPO = "https://github.com/nyrkio/nyrkio";

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    static Map<String, Object> point(long t, String commit, double value) {
        return Api.point(t, Map.of("metric1", value), REPO, "main", commit);
    }

    /** Nine points of history at 10 on the test's own series. */
    void history(String test) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 9; t++) {
            points.add(point(t, "main" + t, 10 + (t % 2) * 0.1));
        }
        user.json(points).post("/api/v0/result/" + test).then().statusCode(200);
    }

    @Test
    void pullRequestsAreListedAndDuplicatesRefused() {
        user.json(List.of(point(1, "12345", 1))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200).body(equalTo("null"));
        user.json(List.of(point(1, "12345", 2))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark2")
                .then().statusCode(200);
        user.json(List.of(point(5, "main5", 2))).post("/api/v0/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/pulls").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].pull_number", equalTo(123))
                .body("[0].test_names", contains("benchmark1", "benchmark2"))
                .body("[0].git_commit", equalTo("12345"))
                .body("[0].git_repo", equalTo(REPO))
                .body("[0].branch", equalTo("main"));
        user.json(List.of(point(1, "12345", 1))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(400).body("detail", equalTo("Result for this pull request already exists"));
        user.json(List.of(point(1, "12345", 3))).put("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void pullRequestPointsStayOutOfTheTestsOwnSeries() {
        history("benchmark1");
        user.json(List.of(point(10, "12345c", 30))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200);
        user.as().get("/api/v0/result/benchmark1").then().statusCode(200).body("$", hasSize(9));
        user.as().get("/api/v0/result/benchmark1/changes").then().statusCode(200).body("benchmark1", empty());
        user.as().get("/api/v0/result/benchmark1/summary").then().statusCode(200).body("total_change_points", equalTo(0));

        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1").then().statusCode(200)
                .body("$", hasSize(10))
                .body("[9].pull_request", equalTo(123))
                .body("[8].pull_request", nullValue());
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/changes/12345c").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].benchmark1", hasSize(1))
                .body("[0].benchmark1[0].time", equalTo(10))
                .body("[0].benchmark1[0].attributes.git_commit", equalTo("12345c"));
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/changes/12345c/test/benchmark1").then().statusCode(200)
                .body("[0].benchmark1[0].time", equalTo(10));
    }

    @Test
    void aTestWithOnlyPullRequestPointsIsListedWithAnEmptySeries() {
        user.json(List.of(point(1, "c1", 1))).post("/api/v0/pulls/nyrkio/nyrkio/7/result/only-pr").then().statusCode(200);
        user.as().get("/api/v0/results").then().statusCode(200).body("test_name", contains("only-pr"));
        user.as().get("/api/v0/result/only-pr").then().statusCode(200).body("$", empty());
    }

    @Test
    void onlyTheChangeAtTheRequestedCommitIsReported() {
        history("benchmark1");
        user.json(List.of(point(10, "earlier", 20))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200);
        user.json(List.of(point(14, "later", 40))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/changes/earlier").then().statusCode(200)
                .body("[0].benchmark1[0].time", equalTo(10));
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/changes/later").then().statusCode(200)
                .body("[0].benchmark1[0].time", equalTo(14));
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/earlier/test/benchmark1").then().statusCode(200)
                .body("$", hasSize(10)).body("[9].attributes.git_commit", equalTo("earlier"));
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1").then().statusCode(200)
                .body("[9].attributes.git_commit", equalTo("later"));
    }

    @Test
    void aPullRequestWithoutAChangeAtItsCommitIsAnEmptyList() {
        history("benchmark1");
        user.json(List.of(point(10, "same", 10))).post("/api/v0/pulls/nyrkio/nyrkio/5/result/benchmark1")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/5/changes/same").then().statusCode(200).body("$", empty());
    }

    @Test
    void theHistoryEndsAtTheBaseCommit() {
        history("benchmark1");
        List<Map<String, Object>> later = new ArrayList<>();
        for (int t = 10; t <= 20; t++) {
            later.add(point(t, "main" + t, 100));
        }
        user.json(later).post("/api/v0/result/benchmark1").then().statusCode(200);
        Map<String, Object> pr = new HashMap<>(point(30, "pr-commit", 100));
        pr.put("extra_info", Map.of("base_commit", Map.of("timestamp", 3, "id", "main3")));
        user.json(List.of(pr)).post("/api/v0/pulls/nyrkio/nyrkio/9/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/9/result/benchmark1").then().statusCode(200)
                .body("$", hasSize(4)).body("timestamp", contains(1, 2, 3, 30));
        // base given as GitHub gives it: an ISO time
        Map<String, Object> iso = new HashMap<>(point(40, "iso-commit", 100));
        iso.put("extra_info", Map.of("base_commit", Map.of("timestamp", "1970-01-01T00:00:05Z")));
        user.json(List.of(iso)).post("/api/v0/pulls/nyrkio/nyrkio/10/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/10/result/benchmark1").then().statusCode(200)
                .body("timestamp", contains(1, 2, 3, 4, 5, 40));
    }

    @Test
    void unknownPullRequestsAndCommitsAre404() {
        user.as().get("/api/v0/pulls/org/repo/123/changes/1234").then().statusCode(404)
                .body("detail", equalTo("No test results found"));
        user.as().get("/api/v0/pulls/org/repo/123/result/benchmark1").then().statusCode(404)
                .body("detail", equalTo("Not Found"));
        user.json(List.of(point(1, "c1", 1))).post("/api/v0/pulls/org/repo/123/result/benchmark1").then().statusCode(200);
        user.as().get("/api/v0/pulls/org/repo/123/changes/c2/test/benchmark1").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.startsWith("Did not find any commits for test_name"));
        user.as().get("/api/v0/pulls/org/repo/notanumber/changes/c1").then().statusCode(422)
                .body("detail[0].loc", contains("path", "pull_number"));
    }

    /** Nyrkio compared the URL's repository with the stored, lower-cased one as it was: mixed case never matched. */
    @Test
    void theRepositoryInThePathMatchesInAnyCase() {
        history("benchmark1");
        user.json(List.of(point(10, "abc", 50))).post("/api/v0/pulls/Nyrkio/Nyrkio/77/result/benchmark1")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/Nyrkio/Nyrkio/77/changes/abc").then().statusCode(200).body("$", hasSize(1));
        user.as().get("/api/v0/pulls/nyrkio/NYRKIO/77/result/benchmark1").then().statusCode(200).body("$", hasSize(10));
    }

    /** Nyrkio looked the pull-request point up without its owner: another user's point could be compared. */
    @Test
    void anotherUsersPullRequestIsNotSeen() {
        Api other = Api.newUser();
        other.json(List.of(point(1, "theirs", 1))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1").then().statusCode(404);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/changes/theirs").then().statusCode(404);
        user.as().get("/api/v0/pulls").then().statusCode(200).body("$", empty());
        user.as().delete("/api/v0/pulls/nyrkio/nyrkio/123").then().statusCode(200);
        other.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/benchmark1").then().statusCode(200).body("$", hasSize(1));
    }

    /** Nyrkio deleted only the tests named in the owner's 50 newest pull-request rows. */
    @Test
    void deletingAPullRequestDeletesAllOfItAndNothingElse() {
        history("kept");
        for (int i = 0; i < 15; i++) {
            user.json(List.of(point(100 + i, "c" + i, 1))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/t" + i)
                    .then().statusCode(200);
        }
        user.json(List.of(Api.point(1, Map.of("metric1", 1), "https://github.com/nyrkio/other-repo", "main", "other")))
                .post("/api/v0/pulls/nyrkio/other-repo/123/result/t0").then().statusCode(200);
        user.as().delete("/api/v0/pulls/nyrkio/nyrkio/123").then().statusCode(200).body("$", empty());
        user.as().get("/api/v0/pulls").then().statusCode(200).body("$", hasSize(1))
                .body("[0].git_repo", equalTo("https://github.com/nyrkio/other-repo"));
        // the tests that had only that pull request's points are gone from the list; t0 has another pull request's
        user.as().get("/api/v0/results").then().statusCode(200).body("test_name", contains("kept", "t0"));
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/t0").then().statusCode(404);
        user.as().get("/api/v0/result/kept").then().statusCode(200).body("$", hasSize(9));
        user.json(List.of(point(200, "again", 1))).post("/api/v0/pulls/nyrkio/nyrkio/123/result/t0").then().statusCode(200);
        user.as().get("/api/v0/pulls/nyrkio/nyrkio/123/result/t0").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void pullRequestsNeedCredentials() {
        given().get("/api/v0/pulls").then().statusCode(401);
        given().get("/api/v0/pulls/nyrkio/nyrkio/1/changes/abc").then().statusCode(401);
    }
}
