package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.RawHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Every answer is JSON, errors included (Part A2). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ErrorsTest {

    @Test
    void unknownRoutesAreJson404() {
        given().get("/api/v0/no-such-thing").then().statusCode(404).contentType(ContentType.JSON)
                .body("detail", equalTo("Not Found"));
        given().get("/no-such-thing").then().statusCode(404).contentType(ContentType.JSON)
                .body("detail", equalTo("Not Found"));
    }

    @Test
    void wrongMethodIsJson405() {
        given().get("/api/v0/auth/register").then().statusCode(405).contentType(ContentType.JSON)
                .body("detail", equalTo("Method Not Allowed"));
    }

    /** Quarkus would answer these with an empty 400; the guard makes the same check and answers JSON. */
    @Test
    void invalidRequestTargetsAreJson400() throws IOException {
        Api user = Api.newUser();
        user.json(List.of(Api.point(1_700_000_000L, "latency", 12.5))).post("/api/v0/result/kept").then().statusCode(200);
        URI base = URI.create(RestAssured.baseURI);
        try (RawHttp http = new RawHttp(base.getHost(), RestAssured.port)) {
            for (String target : List.of("/api/v0/result/kept%zz", "/api/v0/result/kept%", "/api/v0/result/kept%4",
                    "/api/v0/result/kept?timestamp=%zz", "/q/health/live?probe=%G0", "/no-such%")) {
                List<RawHttp.Header> auth = List.of(new RawHttp.Header("Authorization", "Bearer " + user.token()));
                RawHttp.Response response = http.send("DELETE", target, auth, null, false, true, Duration.ofSeconds(10));
                assertEquals(400, response.status(), target);
                assertTrue(response.header("Content-Type").startsWith("application/json"), target);
                assertTrue(response.bodyText().startsWith("{\"detail\":\"The request target is not a valid URI: "),
                        target + " -> " + response.bodyText());
            }
        }
        user.as().get("/api/v0/result/kept").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void oversizedBodyIsJson413AndStoresNothing() {
        Api user = Api.newUser();
        byte[] body = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        user.as().contentType(ContentType.JSON).body(body).post("/api/v0/result/big").then().statusCode(413)
                .contentType(ContentType.JSON).body("detail", equalTo("Request body too large"));
        user.as().get("/api/v0/results").then().statusCode(200).body("$", equalTo(List.of()));
    }

    /** A body without Content-Length is read within the same limit, and an oversized one gets the same 413. */
    @Test
    void chunkedBodiesAreAcceptedWithinTheLimit() throws IOException {
        Api user = Api.newUser();
        URI base = URI.create(RestAssured.baseURI);
        List<RawHttp.Header> headers = List.of(new RawHttp.Header("Authorization", "Bearer " + user.token()),
                new RawHttp.Header("Content-Type", "application/json"));
        byte[] upload = ("[{\"timestamp\":1700000000,\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":12.5,"
                + "\"direction\":\"lower_is_better\"}],\"attributes\":{\"git_repo\":\"https://github.com/a/b\","
                + "\"branch\":\"main\",\"git_commit\":\"c0ffee\"}}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] oversized = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '[';
        oversized[oversized.length - 1] = ']';
        try (RawHttp http = new RawHttp(base.getHost(), RestAssured.port)) {
            RawHttp.Response stored = http.send("POST", "/api/v0/result/chunked", headers, upload, true, true,
                    Duration.ofSeconds(30));
            assertEquals(200, stored.status(), stored.bodyText());
            RawHttp.Response refused = http.send("POST", "/api/v0/result/too-big", headers, oversized, true, true,
                    Duration.ofSeconds(30));
            assertEquals(413, refused.status(), refused.bodyText());
            assertTrue(refused.header("Content-Type").startsWith("application/json"));
            assertEquals("{\"detail\":\"Request body too large\"}", refused.bodyText());
        }
        user.as().get("/api/v0/results").then().statusCode(200).body("test_name", equalTo(List.of("chunked")));
    }

    @Test
    void malformedBodiesAreJson422() {
        given().contentType(ContentType.JSON).body("{\"email\":").post("/api/v0/auth/register").then()
                .statusCode(422).contentType(ContentType.JSON);
        Api user = Api.newUser();
        user.as().contentType(ContentType.JSON).body("[{\"timestamp\": NaN}]").post("/api/v0/result/x").then()
                .statusCode(422).contentType(ContentType.JSON);
    }

    @Test
    void healthEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
