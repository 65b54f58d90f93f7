package dev.tarkka.series;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.PackagedApp;
import dev.tarkka.support.TwoReplicas;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged jar on one store, each keeping the series it analysed decoded in memory: whatever
 * one writes (an append across a chunk boundary, a replacement of old points, a deletion), the other's next report
 * and listing show it, and equal those of the instance that wrote.
 */
class SeriesReplicasIT extends TwoReplicas {

    static List<Map<String, Object>> points(int from, int to, double level) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            points.add(Api.point(t, Map.of("m", level + t % 3), "https://github.com/o/r", "main", "c" + t));
        }
        return points;
    }

    @Test
    void aKeptSeriesNeverHidesAnotherReplicasWrite() throws Exception {
        startReplicas("series-replica", Map.of());
        given().baseUri(a.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", "replicas@example.com", "password", "replica-secret"))
                .post("/api/v0/auth/register").then().statusCode(201);
        String token = given().baseUri(a.baseUri()).contentType(ContentType.URLENC)
                .formParam("username", "replicas@example.com").formParam("password", "replica-secret")
                .post("/api/v0/auth/jwt/login").then().statusCode(200).extract().path("access_token");
        String test = "/api/v0/result/kept/bench";

        List<Map<String, Object>> first = points(1, 1500, 10);
        first.addAll(points(1501, 3000, 20));
        on(a, token).body(first).post(test).then().statusCode(200); // three chunks
        assertThat(changes(a, token)).contains("\"time\":1501");

        // an append on b that fills the last chunk and starts a fourth
        on(b, token).body(points(3001, 3100, 40)).post(test).then().statusCode(200);
        assertThat(changes(a, token)).contains("\"time\":3001").isEqualTo(changes(b, token));
        on(a, token).get(test).then().statusCode(200).body("$", hasSize(3100));

        // old points replaced on b: a new generation of columns
        on(b, token).body(points(2001, 2100, 80)).put(test).then().statusCode(200);
        String replaced = changes(a, token);
        assertThat(replaced).contains("\"time\":2001").isEqualTo(changes(b, token));

        // a point deleted on b, then one appended on a
        on(b, token).delete(test + "?timestamp=3100").then().statusCode(200);
        on(a, token).get(test).then().statusCode(200).body("$", hasSize(3099));
        on(a, token).body(points(3101, 3101, 40)).post(test).then().statusCode(200);
        assertThat(changes(b, token)).isEqualTo(changes(a, token));
        on(b, token).get(test).then().statusCode(200).body("$", hasSize(3100));
    }

    static RequestSpecification on(PackagedApp app, String token) {
        return given().baseUri(app.baseUri()).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String changes(PackagedApp app, String token) {
        return on(app, token).get("/api/v0/result/kept/bench/changes").then().statusCode(200).extract().asString();
    }
}
