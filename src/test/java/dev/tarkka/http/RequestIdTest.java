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

/** Every answer names its request in X-Request-Id, and error bodies name it too (except Nyrkio's exact 401 and 413). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class RequestIdTest {

    @Test
    void everyAnswerHasARequestIdAndErrorBodiesRepeatIt() {
        Api user = Api.newUser();
        Response ok = user.as().get("/api/v0/results");
        Response notFound = user.as().get("/api/v0/result/missing");
        Response invalid = user.as().contentType(ContentType.JSON).body("[{}]").post("/api/v0/result/x");
        Response guarded = user.as().get("/api/v0/result/a/../b");
        Response health = given().get("/q/health/live");
        for (Response answer : List.of(ok, notFound, invalid, guarded, health)) {
            assertThat(answer.header(RequestLog.HEADER)).matches("[0-9a-f]{16}");
        }
        assertThat(List.of(ok, notFound, invalid, guarded).stream().map(r -> r.header(RequestLog.HEADER)).distinct()).hasSize(4);
        for (Response error : List.of(notFound, invalid, guarded)) {
            assertThat(error.jsonPath().getString("request_id")).isEqualTo(error.header(RequestLog.HEADER));
            assertThat(error.jsonPath().get("detail").toString()).isNotEmpty();
        }
    }

    @Test
    void aPlausibleIdFromAProxyIsKeptAnOtherOneReplaced() {
        String fromProxy = "ingress-7f3a9c2e1b";
        given().header(RequestLog.HEADER, fromProxy).get("/api/v0/nothing").then().statusCode(404)
                .header(RequestLog.HEADER, fromProxy).body("request_id", org.hamcrest.Matchers.equalTo(fromProxy));
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
