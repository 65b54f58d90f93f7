package dev.tarkka.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.IndexModel;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.QueryLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every query Tarkka makes is served by an index its store declares: a workload that touches every endpoint runs
 * with the driver's commands recorded, and each filter must lead with the first key of a declared index (or
 * {@code _id}). The embedded store cannot {@code explain} a query, so this is how a real MongoDB's
 * collection scans are kept out.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class IndexCoverageTest {

    @Inject
    QueryLog log;

    @Inject
    Instance<IndexedCollection> stores;

    @Test
    void everyQueryLeadsWithAnIndexedField() {
        log.clear();
        runEveryEndpoint();

        Map<String, List<List<String>>> indexes = new HashMap<>();
        for (IndexedCollection store : stores) {
            List<List<String>> keys = indexes.computeIfAbsent(store.collection(), c -> new ArrayList<>());
            keys.add(List.of("_id"));
            for (IndexModel index : store.indexes()) {
                keys.add(new ArrayList<>(index.getKeys().toBsonDocument().keySet()));
            }
        }
        List<String> unserved = new ArrayList<>();
        Set<String> queried = new LinkedHashSet<>();
        for (QueryLog.Query query : log.queries()) {
            queried.add(query.collection());
            Set<String> fields = fields(query.filter());
            List<List<String>> declared = indexes.getOrDefault(query.collection(), List.of());
            if (declared.stream().noneMatch(keys -> fields.contains(keys.get(0)))) {
                unserved.add(query.command() + " " + query.collection() + " " + query.filter().toJson());
            }
        }
        assertThat(unserved).as("queries no declared index serves").isEmpty();
        assertThat(queried).as("the workload reaches every store").containsAll(indexes.keySet());
    }

    /** The fields a filter constrains: its keys, and those of the clauses of a top-level {@code $and}. */
    private static Set<String> fields(BsonDocument filter) {
        Set<String> fields = new LinkedHashSet<>();
        filter.forEach((key, value) -> {
            if (key.equals("$and")) {
                for (BsonValue clause : value.asArray()) {
                    fields.addAll(fields(clause.asDocument()));
                }
            } else {
                fields.add(key);
            }
        });
        return fields;
    }

    private static void runEveryEndpoint() {
        Api user = Api.newUser();
        given().contentType(ContentType.URLENC).formParam("username", user.email()).formParam("password", "wrong")
                .post("/api/v0/auth/jwt/login").then().statusCode(400);
        String apiToken = user.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        String tokenId = user.as().get("/api/v0/auth/tokens").then().statusCode(200).extract().path("[0].id");
        given().header("Authorization", "Bearer " + apiToken).get("/api/v0/users/me").then().statusCode(200);

        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.05))).post("/api/v0/user/config")
                .then().statusCode(200);
        user.as().get("/api/v0/user/config").then().statusCode(200);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 12; t++) {
            points.add(Api.point(t, "m", t <= 6 ? 10 : 20));
        }
        user.json(points).post("/api/v0/result/a/b/c").then().statusCode(200);
        user.json(List.of(Api.point(13, "m", 20))).put("/api/v0/result/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/results").then().statusCode(200);
        user.as().get("/api/v0/result/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/result/a/b/c/changes").then().statusCode(200);
        user.json(List.of("m")).post("/api/v0/result/a/b/c/changes/disable").then().statusCode(200);
        user.json(List.of("m")).post("/api/v0/result/a/b/c/changes/enable").then().statusCode(200);
        user.as().get("/api/v0/result/a/b/c/summary").then().statusCode(200);
        user.as().get("/api/v0/result/summarySiblings").then().statusCode(200);
        user.as().get("/api/v0/result/a/summarySiblings").then().statusCode(200);
        user.as().get("/api/v0/changes/perCommit/a").then().statusCode(200);
        user.as().get("/api/v0/dashboard/latest").then().statusCode(200);
        String owner = "o" + java.util.UUID.randomUUID().toString().substring(0, 8);
        user.json(List.of(Map.of("public", true, "attributes", Map.of("git_repo", "https://github.com/" + owner + "/r",
                "branch", "main")))).post("/api/v0/config/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/config/a/b/c").then().statusCode(200);
        given().get("/api/v0/public/results").then().statusCode(200);
        given().get("/api/v0/public/result/" + owner + "/r/main/a/b/c").then().statusCode(200);
        given().get("/api/v0/public/result/" + owner + "/r/main/a/b/c/changes").then().statusCode(200);
        given().get("/api/v0/public/result/" + owner + "/summarySiblings").then().statusCode(404);
        given().get("/api/v0/public/changes/perCommit/" + owner).then().statusCode(200);
        user.as().delete("/api/v0/config/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/dashboard/series/a/b/c").then().statusCode(200);
        user.json(Map.of("series", List.of(1, 1, 1, 5, 5, 5))).post("/api/v0/analyze").then().statusCode(200);
        user.json(List.of(Api.point(14, "m", 40))).put("/api/v0/pulls/myrepo/1/result/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/pulls").then().statusCode(200);
        user.as().get("/api/v0/pulls/myrepo/1/result/a/b/c").then().statusCode(200);
        user.as().get("/api/v0/pulls/myrepo/1/changes/123456").then().statusCode(200);
        user.as().delete("/api/v0/pulls/myrepo/1").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/v0/auth/forgot-password")
                .then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("token", "no-such-token", "password", "x"))
                .post("/api/v0/auth/reset-password").then().statusCode(400);
        Api admin = Api.admin();
        admin.as().get("/api/v0/admin/all_users").then().statusCode(200);
        admin.as().get("/api/v0/results/precompute").then().statusCode(200);
        admin.as().get("/api/v0/admin/results").then().statusCode(200);
        admin.as().get("/api/v0/admin/result/" + user.email() + "/a/b/c").then().statusCode(200);
        admin.as().get("/api/v0/admin/result/" + user.email() + "/a/b/c/changes").then().statusCode(200);
        user.as().delete("/api/v0/result/a/b/c?timestamp=13").then().statusCode(200);
        user.as().delete("/api/v0/result/a/b/c").then().statusCode(200);
        user.as().delete("/api/v0/results").then().statusCode(200);
        user.as().delete("/api/v0/user/config").then().statusCode(200);
        user.as().delete("/api/v0/auth/tokens/" + tokenId).then().statusCode(204);

        // an organization: members, its tests under /orgs, a scoped token, deleting it with its data
        Api colleague = Api.newUser();
        String org = "team-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        user.json(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201);
        user.json(Map.of("role", "viewer")).put("/api/v0/orgs/" + org + "/members/" + colleague.email()).then().statusCode(200);
        user.as().get("/api/v0/orgs/" + org + "/members").then().statusCode(200);
        String orgToken = user.as().post("/api/v0/auth/token?org=" + org).then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + orgToken).contentType(ContentType.JSON).body(points)
                .post("/api/v0/orgs/result/" + org + "/b/c").then().statusCode(200);
        colleague.as().get("/api/v0/orgs/").then().statusCode(200);
        colleague.as().get("/api/v0/orgs/results").then().statusCode(200);
        colleague.as().get("/api/v0/orgs/result/" + org + "/b/c/changes").then().statusCode(200);
        user.json(Map.of("core", Map.of("max_pvalue", 0.01, "min_magnitude", 0.05))).post("/api/v0/orgs/org/" + org)
                .then().statusCode(200);
        colleague.as().delete("/api/v0/orgs/" + org + "/members/" + colleague.email()).then().statusCode(200);
        user.as().delete("/api/v0/orgs/" + org).then().statusCode(200);
    }
}
