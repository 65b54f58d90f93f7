package dev.tarkka.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.restassured.response.Response;

/**
 * Every answer names its request in X-Request-Id; the bodies of the server's own failures (5xx) repeat it, client
 * errors keep Nyrkio's bodies exactly.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class RequestIdTest {

    /** Injected by MongoTestResource (the embedded store only: skipped against the packaged app). */
    Runnable stopStore;
    Runnable startStore;

    @Test
    void everyAnswerHasItsOwnRequestId() {
        Api user = Api.newUser();
        Response ok = user.as().get("/api/v0/results");
        Response notFound = user.as().get("/api/v0/result/missing");
        Response invalid = user.as().contentType(ContentType.JSON).body("[{}]").post("/api/v0/result/x");
        Response guarded = user.as().get("/api/v0/result/a/../b");
        Response health = given().get("/q/health/live");
        for (Response answer : List.of(ok, notFound, invalid, guarded, health)) {
            assertThat(answer.header(RequestLog.HEADER)).matches("[0-9a-f]{16}");
        }
        assertThat(List.of(ok, notFound, invalid, guarded, health).stream().map(r -> r.header(RequestLog.HEADER)).distinct())
                .hasSize(5);
        assertThat(notFound.asString()).isEqualTo("{\"detail\":\"Not Found\"}");
        for (Response clientError : List.of(invalid, guarded)) {
            assertThat(clientError.jsonPath().getMap("")).containsKey("detail").doesNotContainKey("request_id");
        }
    }

    @Test
    void aServerFailureNamesItsRequestInTheBody() {
        Api user = Api.newUser();
        stopStore.run();
        try {
            Response unavailable = user.as().get("/api/v0/results");
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.jsonPath().getString("request_id")).isEqualTo(unavailable.header(RequestLog.HEADER))
                    .matches("[0-9a-f]{16}");
        } finally {
            startStore.run();
        }
    }

    @Test
    void aPlausibleIdFromAProxyIsKeptAnOtherOneReplaced() {
        String fromProxy = "ingress-7f3a9c2e1b";
        given().header(RequestLog.HEADER, fromProxy).get("/api/v0/nothing").then().statusCode(404)
                .header(RequestLog.HEADER, fromProxy);
        String made = given().header(RequestLog.HEADER, "<script>").get("/api/v0/nothing").header(RequestLog.HEADER);
        assertThat(made).matches("[0-9a-f]{16}");
    }

    /** Nyrkio's clients compare these bodies byte for byte: the id is in the header only. */
    @Test
    void unauthorizedAndTooLargeKeepNyrkiosExactBodies() throws IOException {
        Response unauthorized = given().get("/api/v0/results");
        assertThat(unauthorized.asString()).isEqualTo("{\"detail\":\"Unauthorized\"}");
        assertThat(unauthorized.header(RequestLog.HEADER)).isNotBlank();
        URI base = URI.create(RestAssured.baseURI);
        try (RawHttp http = new RawHttp(base.getHost(), RestAssured.port)) {
            RawHttp.Response tooLarge = http.send("POST", "/api/v0/result/big",
                    List.of(new RawHttp.Header("Content-Length", "20000000")), null, false, true, Duration.ofSeconds(10));
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.bodyText()).isEqualTo("{\"detail\":\"Request body too large\"}");
            assertThat(tooLarge.header(RequestLog.HEADER)).isNotBlank();
        }
    }
}
