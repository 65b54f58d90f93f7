package dev.tarkka.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Another user's tests do not exist for you: not readable, listable, changeable or deletable. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class TenantIsolationTest {

    Api owner;
    Api intruder;

    @BeforeEach
    void users() {
        owner = Api.newUser();
        intruder = Api.newUser();
        owner.json(List.of(Api.point(1, "metric1", 1), Api.point(2, "metric1", 1), Api.point(3, "metric1", 30)))
                .post("/api/v0/result/secret").then().statusCode(200);
    }

    @Test
    void cannotList() {
        intruder.as().get("/api/v0/results").then().statusCode(200).body("$", empty());
    }

    @Test
    void cannotRead() {
        intruder.as().get("/api/v0/result/secret").then().statusCode(404);
        intruder.as().get("/api/v0/result/secret/changes").then().statusCode(200).body("$", equalTo(Map.of()));
    }

    @Test
    void cannotChange() {
        intruder.json(List.of(Api.point(3, "metric1", 1))).put("/api/v0/result/secret").then().statusCode(200);
        intruder.json(List.of(Api.point(4, "metric1", 1))).post("/api/v0/result/secret").then().statusCode(200);
        owner.as().get("/api/v0/result/secret").then().statusCode(200)
                .body("timestamp", contains(1, 2, 3)).body("[2].metrics[0].value", equalTo(30));
        // the intruder got a test of their own with the same name, holding only their points
        intruder.as().get("/api/v0/result/secret").then().statusCode(200).body("timestamp", contains(3, 4));
    }

    /**
     * Every endpoint that takes a test name or prefix answers the intruder exactly as for a name nobody ever
     * used: not even the status tells that the owner's test exists.
     */
    @Test
    void namedReadsLeakNothing() {
        owner.json(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/org/repo/main/secret").then().statusCode(200);
        String ownerId = owner.as().get("/api/v0/users/me").then().extract().path("id");
        String never = "never-" + java.util.UUID.randomUUID();
        // each path with %s for a name of the owner's, then for the never-used name
        for (String[] path : new String[][] {
                { "/api/v0/result/%s", "secret" },
                { "/api/v0/result/%s/changes", "secret" },
                { "/api/v0/result/%s/summary", "secret" },
                { "/api/v0/result/%s/summary", "org" },
                { "/api/v0/result/%s/summary", "org/repo/main/secret" },
                { "/api/v0/result/%s/summarySiblings", "org" },
                { "/api/v0/result/%s/summarySiblings", "org/repo" },
                { "/api/v0/changes/perCommit/%s", "secret" },
                { "/api/v0/changes/perCommit/%s", "org" },
                { "/api/v0/changes/perCommit/%s?commit=123456", "org" } }) {
            String target = path[0].formatted(path[1]);
            io.restassured.response.Response theirs = intruder.as().get(target);
            io.restassured.response.Response nobodys = intruder.as().get(path[0].formatted(never));
            assertThat(theirs.statusCode()).as(target).isIn(200, 403, 404).isEqualTo(nobodys.statusCode());
            assertThat(theirs.asString()).as(target).doesNotContain(ownerId).doesNotContain("metric1")
                    .isEqualTo(nobodys.asString().replace(never, path[1]));
        }
        // the intruder has no data at all, whatever the owner has
        intruder.as().get("/api/v0/result/summarySiblings").then().statusCode(404);
        // the owner sees their own, so the paths above are the right ones
        owner.as().get("/api/v0/result/secret/summary").then().statusCode(200);
        owner.as().get("/api/v0/result/org/summarySiblings").then().statusCode(200);
        owner.as().get("/api/v0/changes/perCommit/secret").then().statusCode(200).body("$", org.hamcrest.Matchers.not(empty()));
    }

    /** Switching metrics off or on under the owner's test name changes nothing in the owner's report. */
    @Test
    void cannotSwitchTheOwnersMetrics() {
        List<Object> points = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            points.add(Api.point(i, "metric1", i <= 10 ? 10 : 50));
        }
        owner.json(points).post("/api/v0/result/switched").then().statusCode(200);
        String report = owner.as().get("/api/v0/result/switched/changes").then().statusCode(200)
                .body("switched", org.hamcrest.Matchers.not(empty())).extract().asString();
        String never = "never-" + java.util.UUID.randomUUID();

        for (String action : List.of("disable", "enable")) {
            String theirs = intruder.json(List.of("metric1")).post("/api/v0/result/switched/changes/" + action)
                    .then().extract().asString();
            String nobodys = intruder.json(List.of("metric1")).post("/api/v0/result/" + never + "/changes/" + action)
                    .then().extract().asString();
            assertThat(theirs).isEqualTo(nobodys);
            owner.as().get("/api/v0/result/switched/changes").then().statusCode(200).body(equalTo(report));
        }
        // the intruder's switch is theirs alone: when the owner disables the metric, the report does change
        owner.json(List.of("metric1")).post("/api/v0/result/switched/changes/disable").then().statusCode(200);
        assertThat(owner.as().get("/api/v0/result/switched/changes").then().statusCode(200).extract().asString())
                .isNotEqualTo(report);
    }

    @Test
    void cannotDeleteOneOrAll() {
        intruder.as().delete("/api/v0/result/secret?timestamp=1").then().statusCode(404);
        intruder.as().delete("/api/v0/result/secret").then().statusCode(404);
        intruder.as().delete("/api/v0/results").then().statusCode(200);
        owner.as().get("/api/v0/result/secret").then().statusCode(200).body("$", hasSize(3));
    }
}
