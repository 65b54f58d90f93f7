package dev.tarkka.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Test configuration and public tests (api.md §7, §8), with Nyrkio's leaks fixed. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class PublicApiTest {

    Api john;
    String repo;
    String privateRepo;
    String owner;

    @BeforeEach
    void user() {
        john = Api.newUser();
        owner = "o" + UUID.randomUUID().toString().substring(0, 8);
        repo = "https://github.com/" + owner + "/public-repo";
        privateRepo = "https://github.com/" + owner + "/private-repo";
    }

    static Map<String, Object> row(boolean isPublic, String repo, String branch) {
        return Map.of("public", isPublic, "attributes", Map.of("git_repo", repo, "branch", branch));
    }

    /** A step 10 → 30 at point 7 (commit c7) in the repository, values offset so the two repositories differ. */
    static List<Map<String, Object>> step(String repo, long from, double base, String commitPrefix) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            points.add(Api.point(from + i, Map.of("m", base + (i <= 6 ? 10 : 30)), repo, "main", commitPrefix + i));
        }
        return points;
    }

    @Test
    void configRowsRoundTrip() {
        john.as().get("/api/v0/config/benchmark1").then().statusCode(200).body("$", empty());
        john.json(List.of(row(true, repo, "main"), row(false, repo, "dev"))).post("/api/v0/config/benchmark1").then()
                .statusCode(200);
        john.as().get("/api/v0/config/benchmark1").then().statusCode(200)
                .body("$", equalTo(List.of(row(true, repo, "main"), row(false, repo, "dev"))));
        john.json(List.of(Map.of("public", true, "attributes", Map.of("git_repo", repo))))
                .post("/api/v0/config/benchmark1").then().statusCode(422)
                .body("detail[0].msg", equalTo("Field required"))
                .body("detail[0].loc", equalTo(List.of("body", 0, "attributes", "branch")));
        john.as().delete("/api/v0/config/benchmark1").then().statusCode(200).body("$", equalTo(Map.of()));
        john.as().get("/api/v0/config/benchmark1").then().statusCode(200).body("$", empty());
        given().get("/api/v0/config/benchmark1").then().statusCode(401);
    }

    @Test
    void aPublicTestAndItsConflicts() {
        String name = owner + "/public-repo/main/benchmark1";
        john.json(step(repo, 0, 0, "c")).post("/api/v0/result/benchmark1").then().statusCode(200);
        given().get("/api/v0/public/result/" + name).then().statusCode(404).body("detail", equalTo("No such test exists"));
        john.json(List.of(row(true, repo, "main"))).post("/api/v0/config/benchmark1").then().statusCode(200);
        given().get("/api/v0/public/results").then().statusCode(200).body("test_name", hasItem(name));
        given().get("/api/v0/public/result/" + name).then().statusCode(200).body("$", hasSize(12));
        given().get("/api/v0/public/result/" + name + "/changes").then().statusCode(200)
                .body("benchmark1[0].time", equalTo(7));
        // re-publishing one's own test is fine (Nyrkio: 409); another user taking the name is not
        john.json(List.of(row(true, repo, "main"))).post("/api/v0/config/benchmark1").then().statusCode(200)
                .body("[0]", hasItem(name));
        Api other = Api.newUser();
        other.json(List.of(row(true, repo, "main"))).post("/api/v0/config/benchmark1").then().statusCode(409)
                .body("detail", equalTo("Public test already exists for " + name));
        other.as().get("/api/v0/config/benchmark1").then().body("$", empty());
        given().get("/api/v0/public/results").then().body("findAll { it.test_name == '" + name + "' }", hasSize(1));
        for (String missing : List.of("", "foo", "foo/bar", "foo/bar/baz")) {
            given().get("/api/v0/public/result/" + missing).then().statusCode(404)
                    .body("detail", equalTo("No such test exists"));
        }
        john.as().delete("/api/v0/config/benchmark1").then().statusCode(200);
        given().get("/api/v0/public/result/" + name).then().statusCode(404);
    }

    /** api.md §8: the same test name in a public and a private repository shows only the public points. */
    @Test
    void onlyThePublishedRepositoryAndBranchShow() {
        String name = owner + "/public-repo/main/bench";
        john.json(step(repo, 0, 0, "pub")).post("/api/v0/result/bench").then().statusCode(200);
        // the private repository: other values, other commits, a step at another time
        List<Map<String, Object>> secret = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            secret.add(Api.point(100 + i, Map.of("m", i <= 3 ? 1000 : 5000), privateRepo, "main", "secret" + i));
        }
        john.json(secret).post("/api/v0/result/bench").then().statusCode(200);
        john.json(step(repo, 200, 0, "devbranch").stream().map(p -> {
            Map<String, Object> copy = new java.util.HashMap<>(p);
            copy.put("attributes", Map.of("git_repo", repo, "branch", "dev", "git_commit", "dev" + p.get("timestamp")));
            return (Map<String, Object>) copy;
        }).toList()).post("/api/v0/result/bench").then().statusCode(200);
        // a test that is not public at all
        john.json(step(repo, 0, 0, "hidden")).post("/api/v0/result/hidden-bench").then().statusCode(200);

        john.json(List.of(row(true, repo, "main"))).post("/api/v0/config/bench").then().statusCode(200);

        String points = given().get("/api/v0/public/result/" + name).then().statusCode(200).body("$", hasSize(12))
                .body("attributes.git_repo", everyItem(equalTo(repo))).body("attributes.branch", everyItem(equalTo("main")))
                .extract().asString();
        String changes = given().get("/api/v0/public/result/" + name + "/changes").then().statusCode(200)
                .body("bench", hasSize(1)).body("bench[0].time", equalTo(7)).extract().asString();
        String summaries = given().get("/api/v0/public/result/" + owner + "/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("/" + name)).body("'/" + name + "'.total_change_points", equalTo(1))
                .extract().asString();
        String perCommit = given().get("/api/v0/public/changes/perCommit/" + owner).then()
                .statusCode(200).body("$", hasSize(1)).body("[0]._id.git_commit", equalTo("pub7")).extract().asString();
        for (String answer : List.of(points, changes, summaries, perCommit)) {
            assertThat(answer).doesNotContain("secret").doesNotContain("private-repo").doesNotContain("5000")
                    .doesNotContain("hidden").doesNotContain("devbranch").doesNotContain("\"dev\"");
        }
        given().get("/api/v0/public/result/summarySiblings").then().statusCode(200).body("$", equalTo(Map.of()));
        given().get("/api/v0/public/result/nobody-" + owner + "/summarySiblings").then().statusCode(404);
        given().get("/api/v0/public/changes/perCommit/nobody-" + owner).then().statusCode(404)
                .body("detail", equalTo("No such test exists"));
        // the owner still sees everything
        john.as().get("/api/v0/result/bench").then().body("$", hasSize(36));
    }

    @Test
    void organizationsPublishUnderTheirTestNames() {
        String org = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        john.json(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201);
        String test = org + "/repo/main/benchmark1";
        john.as().get("/api/v0/orgs/config/" + test).then().statusCode(404).body("detail", equalTo("Test name not found"));
        john.json(step(repo, 0, 0, "c")).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        john.json(List.of(row(true, repo, "main"), row(true, repo, "dev"))).post("/api/v0/orgs/config/" + test).then()
                .statusCode(400).body("detail", equalTo("Too many test configurations, expected 1"));
        Api viewer = Api.newUser();
        john.json(Map.of("role", "viewer")).put("/api/v0/orgs/" + org + "/members/" + viewer.email()).then().statusCode(200);
        viewer.json(List.of(row(true, repo, "main"))).post("/api/v0/orgs/config/" + test).then().statusCode(403);
        Api.newUser().json(List.of(row(true, repo, "main"))).post("/api/v0/orgs/config/" + test).then().statusCode(404);
        john.json(List.of(row(true, repo, "main"))).post("/api/v0/orgs/config/" + test).then().statusCode(200)
                .body("$", equalTo(Map.of()));
        viewer.as().get("/api/v0/orgs/config/" + test).then().statusCode(200).body("[0].public", equalTo(true));
        given().get("/api/v0/public/results").then().body("test_name", hasItem(test));
        given().get("/api/v0/public/result/" + test).then().statusCode(200).body("$", hasSize(12));
        given().get("/api/v0/public/result/" + test + "/changes").then().statusCode(200)
                .body("'" + test + "'[0].time", equalTo(7));
        given().get("/api/v0/public/result/" + org + "/summarySiblings").then().statusCode(200)
                .body("keySet()", contains("/" + test));
        john.as().delete("/api/v0/orgs/config/" + test).then().statusCode(200);
        given().get("/api/v0/public/results").then().body("test_name", not(hasItem(test)));
        // deleting the organization takes its public tests with it
        john.json(List.of(row(true, repo, "main"))).post("/api/v0/orgs/config/" + test).then().statusCode(200);
        john.as().delete("/api/v0/orgs/" + org).then().statusCode(200);
        given().get("/api/v0/public/results").then().body("test_name", not(hasItem(test)));
        given().get("/api/v0/public/result/" + test).then().statusCode(404);
    }

    /**
     * api.md §8.2's pull-request reads, with the §8 leak fixed there too: a public test's pull request is compared
     * with the published history only, and only public tests of the published repository are listed.
     */
    @Test
    void pullRequestsOfAPublicTestShowOnlyWhatIsPublic() {
        String name = owner + "/public-repo/main/bench";
        List<Map<String, Object>> published = new ArrayList<>();
        List<Map<String, Object>> secret = new ArrayList<>();
        for (int t = 1; t <= 9; t++) {
            published.add(Api.point(t, Map.of("m", 10 + (t % 2) * 0.1), repo, "main", "pub" + t));
            secret.add(Api.point(10 + t, Map.of("m", 30 + (t % 2) * 0.1), privateRepo, "main", "secret" + t));
        }
        john.json(published).post("/api/v0/result/bench").then().statusCode(200);
        john.json(secret).post("/api/v0/result/bench").then().statusCode(200);
        john.json(List.of(row(true, repo, "main"))).post("/api/v0/config/bench").then().statusCode(200);
        String publicPull = owner + "/public-repo/5";
        john.json(List.of(Api.point(20, Map.of("m", 30), repo, "feature", "prpub")))
                .post("/api/v0/pulls/" + publicPull + "/result/bench").then().statusCode(200);
        john.json(List.of(Api.point(20, Map.of("m", 30), repo, "feature", "prpub")))
                .post("/api/v0/pulls/" + publicPull + "/result/hidden-bench").then().statusCode(200);
        john.json(List.of(Api.point(21, Map.of("m", 99), privateRepo, "feature", "prsecret")))
                .post("/api/v0/pulls/" + owner + "/private-repo/6/result/bench").then().statusCode(200);

        String points = given().get("/api/v0/public/pulls/" + publicPull + "/result/prpub/test/" + name).then()
                .statusCode(200).body("$", hasSize(10)).body("[9].pull_request", equalTo(5))
                .body("[9].attributes.git_commit", equalTo("prpub")).extract().asString();
        // against the published history the pull request's 30 is a change; against all of the owner's points
        // (the private repository's runs are at 30) it is not
        Api reader = Api.newUser();
        String verdict = reader.as().get("/api/v0/public/pulls/" + publicPull + "/changes/prpub/test/" + name).then()
                .statusCode(200).body("$", hasSize(1)).body("[0].bench[0].time", equalTo(20)).extract().asString();
        john.as().get("/api/v0/pulls/" + publicPull + "/changes/prpub/test/bench").then().statusCode(200).body("$", empty());
        String verdicts = reader.as().get("/api/v0/public/pulls/" + publicPull + "/changes/prpub").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].bench[0].time", equalTo(20)).extract().asString();
        String list = given().get("/api/v0/public/pulls/" + owner).then().statusCode(200).body("$", hasSize(1))
                .body("[0].pull_number", equalTo(5)).body("[0].test_names", contains("bench"))
                .body("[0].git_repo", equalTo(repo)).extract().asString();
        given().get("/api/v0/public/pulls/" + owner + "/public-repo/feature").then().statusCode(200).body("$", hasSize(1));
        given().get("/api/v0/public/pulls/" + owner + "/public-repo/main").then().statusCode(200).body("$", empty());
        given().get("/api/v0/public/pulls/" + owner + "/public-repo/feature/bench").then().statusCode(200)
                .body("$", hasSize(1));
        given().get("/api/v0/public/pulls/" + owner + "/public-repo/feature/hidden-bench").then().statusCode(200)
                .body("$", empty());
        for (String answer : List.of(points, verdict, verdicts, list)) {
            assertThat(answer).doesNotContain("secret").doesNotContain("private-repo").doesNotContain("hidden");
        }

        given().get("/api/v0/public/pulls/" + publicPull + "/changes/prpub").then().statusCode(401);
        given().get("/api/v0/public/pulls/" + owner + "/private-repo/6/result/prsecret/test/" + name).then()
                .statusCode(404);
        given().get("/api/v0/public/pulls/" + publicPull + "/result/nope/test/" + name).then().statusCode(404);
        reader.as().get("/api/v0/public/pulls/" + owner + "/private-repo/6/changes/prsecret").then().statusCode(404)
                .body("detail", equalTo("No test results found"));
        reader.as().get("/api/v0/public/pulls/" + publicPull + "/changes/prpub/test/" + owner + "/x/main/bench").then()
                .statusCode(404).body("detail", equalTo("No such test exists"));
        given().get("/api/v0/public/pulls/").then().statusCode(404);
    }
}
