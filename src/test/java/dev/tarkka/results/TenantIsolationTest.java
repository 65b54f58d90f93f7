package dev.tarkka.results;

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

    @Test
    void cannotDeleteOneOrAll() {
        intruder.as().delete("/api/v0/result/secret?timestamp=1").then().statusCode(404);
        intruder.as().delete("/api/v0/result/secret").then().statusCode(404);
        intruder.as().delete("/api/v0/results").then().statusCode(200);
        owner.as().get("/api/v0/result/secret").then().statusCode(200).body("$", hasSize(3));
    }
}
