package dev.tarkka.orgs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
import io.restassured.http.ContentType;

/** Organizations (api.md §9 with Tarkka's own model): roles, members, Nyrkio's /orgs paths, scoped tokens. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class OrgsApiTest {

    static final String NO_SUCH_ORG = "No such organization exists";

    Api owner;
    Api member;
    Api viewer;
    Api outsider;
    String org;

    @BeforeEach
    void team() {
        owner = Api.newUser();
        member = Api.newUser();
        viewer = Api.newUser();
        outsider = Api.newUser();
        org = "team-" + UUID.randomUUID().toString().substring(0, 8);
        owner.json(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201)
                .body("organization.login", equalTo(org)).body("role", equalTo("owner"));
        owner.json(Map.of("role", "member")).put("/api/v0/orgs/" + org + "/members/" + member.email()).then()
                .statusCode(200).body("role", equalTo("member"));
        owner.json(Map.of("role", "viewer")).put("/api/v0/orgs/" + org + "/members/" + viewer.email()).then()
                .statusCode(200).body("role", equalTo("viewer"));
    }

    static List<Map<String, Object>> step(int from, int to) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            points.add(Api.point(t, Map.of("m", t <= 6 ? 10 : 30), "https://github.com/team/repo", "main", "c" + t));
        }
        return points;
    }

    @Test
    void creatingListsTheOrganizationInNyrkiosShape() {
        owner.as().get("/api/v0/orgs").then().statusCode(200).body("organization.login", contains(org))
                .body("login", contains(org)).body("role", contains("owner"));
        viewer.as().get("/api/v0/orgs/").then().statusCode(200).body("organization.login", contains(org))
                .body("role", contains("viewer"));
        outsider.as().get("/api/v0/orgs/").then().statusCode(200).body("$", empty());
        given().get("/api/v0/orgs/").then().statusCode(401).body("detail", equalTo("Unauthorized"));
    }

    @Test
    void namesAreUniqueIgnoringCaseAndValidFirstSegments() {
        outsider.json(Map.of("name", org)).post("/api/v0/orgs").then().statusCode(400);
        outsider.json(Map.of("name", org.toUpperCase())).post("/api/v0/orgs/").then().statusCode(400);
        for (String bad : List.of("", "a/b", ".hidden", "result", "Pulls", "a b", "x".repeat(101))) {
            outsider.json(Map.of("name", bad)).post("/api/v0/orgs/").then().statusCode(400);
        }
        outsider.json(Map.of()).post("/api/v0/orgs/").then().statusCode(422);
        outsider.as().get("/api/v0/orgs/").then().body("$", empty());
    }

    @Test
    void membersAreManagedByOwnersOnly() {
        owner.as().get("/api/v0/orgs/" + org + "/members").then().statusCode(200)
                .body("email", contains(owner.email(), member.email(), viewer.email()))
                .body("role", contains("owner", "member", "viewer"));
        viewer.as().get("/api/v0/orgs/" + org + "/members").then().statusCode(200).body("$", hasSize(3));
        member.json(Map.of("role", "owner")).put("/api/v0/orgs/" + org + "/members/" + member.email()).then()
                .statusCode(403).body("detail", equalTo("Forbidden"));
        member.as().delete("/api/v0/orgs/" + org + "/members/" + viewer.email()).then().statusCode(403);
        owner.json(Map.of("role", "admin")).put("/api/v0/orgs/" + org + "/members/" + member.email()).then()
                .statusCode(422);
        owner.json(Map.of("role", "member")).put("/api/v0/orgs/" + org + "/members/nobody-" + UUID.randomUUID()
                + "@example.com").then().statusCode(404).body("detail", equalTo("No such user exists"));
        // the last owner can neither be demoted nor leave
        owner.json(Map.of("role", "member")).put("/api/v0/orgs/" + org + "/members/" + owner.email()).then()
                .statusCode(400);
        owner.as().delete("/api/v0/orgs/" + org + "/members/" + owner.email()).then().statusCode(400);
        // a second owner lets the first one go
        owner.json(Map.of("role", "owner")).put("/api/v0/orgs/" + org + "/members/" + member.email()).then()
                .statusCode(200);
        owner.as().delete("/api/v0/orgs/" + org + "/members/" + owner.email()).then().statusCode(200);
        owner.as().get("/api/v0/orgs/" + org + "/members").then().statusCode(404).body("detail", equalTo(NO_SUCH_ORG));
        // anyone may leave
        viewer.as().delete("/api/v0/orgs/" + org + "/members/" + viewer.email()).then().statusCode(200);
        viewer.as().get("/api/v0/orgs/").then().body("$", empty());
        member.as().get("/api/v0/orgs/" + org + "/members").then().body("email", contains(member.email()));
    }

    @Test
    void orgTestsUnderNyrkiosPaths() {
        String test = org + "/repo/main/bench";
        member.json(step(1, 12)).post("/api/v0/orgs/result/" + test).then().statusCode(200)
                .body(test.replace(".", "\\.") + "[0].time", equalTo(7));
        // duplicates are Nyrkio's 400, not its org variant's 500
        member.json(step(1, 1)).post("/api/v0/orgs/result/" + test).then().statusCode(400)
                .body("detail.reason", equalTo("Result already exists for key"));
        viewer.as().get("/api/v0/orgs/results").then().statusCode(200).body("test_name", contains(test));
        viewer.as().get("/api/v0/orgs/result/" + test).then().statusCode(200).body("$", hasSize(12));
        viewer.as().get("/api/v0/orgs/result/" + test + "/changes").then().statusCode(200);
        viewer.as().get("/api/v0/orgs/result/" + org + "/repo/main/nothing/changes").then().statusCode(404);
        viewer.as().get("/api/v0/orgs/result/" + test + "/summary").then().statusCode(200)
                .body("total_change_points", equalTo(1));
        viewer.as().get("/api/v0/orgs/result/" + org + "/summarySiblings").then().statusCode(200);
        viewer.as().get("/api/v0/orgs/result/summarySiblings").then().statusCode(200).body("$", equalTo(Map.of()));
        viewer.as().get("/api/v0/orgs/changes/perCommit/" + org).then().statusCode(200)
                .body("$", hasSize(1));
        // the creator's own tests are untouched
        member.as().get("/api/v0/results").then().body("$", empty());

        owner.json(List.of(Api.point(13, Map.of("m", 30), "https://github.com/team/repo", "main", "c13")))
                .put("/api/v0/orgs/result/" + test).then().statusCode(200);
        member.as().delete("/api/v0/orgs/result/" + test + "?timestamp=13").then().statusCode(200);
        viewer.as().get("/api/v0/orgs/result/" + test).then().body("$", hasSize(12));
        member.as().delete("/api/v0/orgs/result/" + test).then().statusCode(200);
        viewer.as().get("/api/v0/orgs/result/" + test).then().statusCode(404).body("detail", equalTo("Not Found"));
    }

    @Test
    void viewersCannotWrite() {
        String test = org + "/repo/main/bench";
        member.json(step(1, 12)).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        viewer.json(step(13, 13)).post("/api/v0/orgs/result/" + test).then().statusCode(403)
                .body("detail", equalTo("Forbidden"));
        viewer.json(step(13, 13)).put("/api/v0/orgs/result/" + test).then().statusCode(403);
        viewer.as().delete("/api/v0/orgs/result/" + test).then().statusCode(403);
        viewer.json(List.of("m")).post("/api/v0/orgs/result/" + test + "/changes/disable").then().statusCode(403);
        viewer.as().get("/api/v0/orgs/result/" + test + "/changes?notify=1").then().statusCode(403);
        viewer.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.1))).post("/api/v0/orgs/org/" + org)
                .then().statusCode(403);
        member.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.1))).post("/api/v0/orgs/org/" + org)
                .then().statusCode(403);
        viewer.as().delete("/api/v0/orgs/" + org).then().statusCode(403);
        member.as().delete("/api/v0/orgs/" + org).then().statusCode(403);
        viewer.as().get("/api/v0/orgs/result/" + test).then().statusCode(200).body("$", hasSize(12));
    }

    @Test
    void nonMembersSeeNothing() {
        String test = org + "/repo/main/secret-bench";
        member.json(step(1, 12)).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        for (String path : List.of("/api/v0/orgs/result/" + test, "/api/v0/orgs/result/" + test + "/changes",
                "/api/v0/orgs/result/" + test + "/summary", "/api/v0/orgs/result/" + org + "/summarySiblings",
                "/api/v0/orgs/changes/perCommit/" + org, "/api/v0/orgs/org/" + org, "/api/v0/orgs/" + org + "/pulls",
                "/api/v0/orgs/" + org + "/members")) {
            String body = outsider.as().get(path).then().statusCode(404).body("detail", equalTo(NO_SUCH_ORG))
                    .extract().asString();
            assertThat(body).doesNotContain("secret-bench");
        }
        outsider.json(step(13, 13)).post("/api/v0/orgs/result/" + test).then().statusCode(404);
        outsider.as().delete("/api/v0/orgs/result/" + test).then().statusCode(404);
        outsider.as().delete("/api/v0/orgs/" + org).then().statusCode(404);
        outsider.as().get("/api/v0/orgs/results").then().statusCode(200).body("$", empty());
        outsider.as().get("/api/v0/orgs/result/nyrkio3/x").then().statusCode(404).body("detail", equalTo(NO_SUCH_ORG));
        member.as().get("/api/v0/orgs/result/" + test).then().statusCode(200).body("$", hasSize(12));
    }

    @Test
    void theOrgConfigDecidesItsChanges() {
        String test = org + "/repo/main/bench";
        member.json(step(1, 12)).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        owner.json(Map.of("core", Map.of("max_pvalue", 0.05, "min_magnitude", 500.0))).post("/api/v0/orgs/org/" + org)
                .then().statusCode(200).body("$", equalTo(Map.of()));
        viewer.as().get("/api/v0/orgs/org/" + org).then().statusCode(200).body("core.min_magnitude", equalTo(500.0f));
        viewer.as().get("/api/v0/orgs/result/" + test + "/changes").then().statusCode(200)
                .body("'" + test + "'", empty());
        // the members' own configuration is another one
        owner.as().get("/api/v0/user/config").then().statusCode(200).body("core", equalTo(null));
    }

    @Test
    void pullRequestsOfAnOrganization() {
        String test = org + "/repo/main/bench";
        member.json(step(1, 6)).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        List<Map<String, Object>> pr = List.of(Api.point(7, Map.of("m", 30), "https://github.com/" + org + "/repo",
                "feature", "prcommit"));
        member.json(pr).post("/api/v0/orgs/pulls/" + org + "/repo/5/result/" + test).then().statusCode(200);
        member.json(pr).post("/api/v0/orgs/pulls/" + org + "/repo/5/result/" + test).then().statusCode(400);
        viewer.json(pr).put("/api/v0/orgs/pulls/" + org + "/repo/5/result/" + test).then().statusCode(403);
        viewer.as().get("/api/v0/orgs/" + org + "/pulls").then().statusCode(200).body("pull_number", contains(5))
                .body("[0].test_names", contains(test));
        viewer.as().get("/api/v0/orgs/pulls/" + org + "/repo/5/result/" + test).then().statusCode(200)
                .body("$", hasSize(7));
        // Nyrkio's org verdict route is broken; Tarkka's answers
        viewer.as().get("/api/v0/orgs/pulls/" + org + "/repo/5/changes/prcommit").then().statusCode(200);
        outsider.as().get("/api/v0/orgs/pulls/" + org + "/repo/5/changes/prcommit").then().statusCode(404);
        viewer.as().delete("/api/v0/orgs/pulls/" + org + "/repo/5").then().statusCode(403);
        member.as().delete("/api/v0/orgs/pulls/" + org + "/repo/5").then().statusCode(200);
        viewer.as().get("/api/v0/orgs/" + org + "/pulls").then().statusCode(200).body("$", empty());
    }

    @Test
    void orgScopedTokensActForTheirOrganizationOnly() {
        Api other = Api.newUser();
        String otherOrg = "other-" + UUID.randomUUID().toString().substring(0, 8);
        member.json(Map.of("name", otherOrg)).post("/api/v0/orgs").then().statusCode(201);
        String ci = member.as().post("/api/v0/auth/token?org=" + org).then().statusCode(200).extract().path("access_token");
        outsider.as().post("/api/v0/auth/token?org=" + org).then().statusCode(404);
        String test = org + "/repo/main/bench";
        given().header("Authorization", "Bearer " + ci).contentType(ContentType.JSON).body(step(1, 3))
                .post("/api/v0/orgs/result/" + test).then().statusCode(200);
        given().header("Authorization", "Bearer " + ci).get("/api/v0/orgs/").then().statusCode(200)
                .body("organization.login", contains(org));
        given().header("Authorization", "Bearer " + ci).get("/api/v0/orgs/results").then().statusCode(200)
                .body("test_name", contains(test));
        // nothing else: not the user's own tests, not their other organization, no new tokens or organizations
        given().header("Authorization", "Bearer " + ci).get("/api/v0/results").then().statusCode(403);
        given().header("Authorization", "Bearer " + ci).get("/api/v0/orgs/" + otherOrg + "/members").then()
                .statusCode(404);
        given().header("Authorization", "Bearer " + ci).post("/api/v0/auth/token").then().statusCode(403);
        given().header("Authorization", "Bearer " + ci).contentType(ContentType.JSON).body(Map.of("name", "x" + other.hashCode()))
                .post("/api/v0/orgs/").then().statusCode(403);
        // removing the member takes effect on the next request
        owner.as().delete("/api/v0/orgs/" + org + "/members/" + member.email()).then().statusCode(200);
        given().header("Authorization", "Bearer " + ci).get("/api/v0/orgs/result/" + test).then().statusCode(404);
    }

    @Test
    void deletingAnOrganizationDeletesItsData() {
        String test = org + "/repo/main/bench";
        member.json(step(1, 12)).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        owner.json(Map.of("core", Map.of("max_pvalue", 0.05, "min_magnitude", 500.0))).post("/api/v0/orgs/org/" + org)
                .then().statusCode(200);
        String ci = owner.as().post("/api/v0/auth/token?org=" + org).then().statusCode(200).extract().path("access_token");
        owner.as().delete("/api/v0/orgs/" + org + "/").then().statusCode(200).body("$", equalTo(Map.of()));
        member.as().get("/api/v0/orgs/").then().body("$", empty());
        given().header("Authorization", "Bearer " + ci).get("/api/v0/orgs/").then().statusCode(401);
        // a new organization of the same name starts empty
        outsider.json(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201);
        outsider.as().get("/api/v0/orgs/results").then().body("$", empty());
        outsider.as().get("/api/v0/orgs/result/" + test).then().statusCode(404).body("detail", equalTo("Not Found"));
        outsider.as().get("/api/v0/orgs/org/" + org).then().statusCode(200).body("core", equalTo(null));
        outsider.as().get("/api/v0/orgs/" + org + "/members").then().body("email", containsInAnyOrder(outsider.email()));
    }
}
