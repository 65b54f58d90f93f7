package dev.tarkka.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.FakeTargetsResource;
import dev.tarkka.support.Mailbox;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Forgotten passwords (api.md §1.4): a token by mail, good once; the new password ends the login sessions made
 * with the old one; asking answers the same for any email.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(FakeTargetsResource.class)
class PasswordResetTest {

    static io.restassured.response.Response forgot(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v0/auth/forgot-password");
    }

    static io.restassured.response.ValidatableResponse reset(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .post("/api/v0/auth/reset-password").then();
    }

    @Test
    void aMailedTokenSetsANewPasswordOnce() {
        Api user = Api.newUser();
        String apiToken = user.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        String cookie = given().contentType(ContentType.URLENC).formParam("username", user.email())
                .formParam("password", user.password()).post("/api/v0/auth/cookie/login").then().statusCode(204)
                .extract().cookie("auth_cookie");
        forgot(user.email()).then().statusCode(202).body(equalTo("null"));
        String token = Mailbox.token(user.email(), 1);
        // nothing changes until the token is used
        user.as().get("/api/v0/results").then().statusCode(200);
        reset(token, "").statusCode(400).body("detail.code", equalTo("RESET_PASSWORD_INVALID_PASSWORD"));
        reset(token, "a new secret").statusCode(200).body(equalTo("null"));

        // the login sessions made with the old password are over; CI's API token is not a login session
        user.as().get("/api/v0/results").then().statusCode(401);
        given().cookie("auth_cookie", cookie).get("/api/v0/results").then().statusCode(401);
        given().header("Authorization", "Bearer " + apiToken).get("/api/v0/results").then().statusCode(200);
        given().contentType(ContentType.URLENC).formParam("username", user.email()).formParam("password", user.password())
                .post("/api/v0/auth/jwt/login").then().statusCode(400).body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
        String fresh = Api.login(user.email(), "a new secret");
        given().header("Authorization", "Bearer " + fresh).get("/api/v0/results").then().statusCode(200);

        reset(token, "another").statusCode(400).body("detail", equalTo("RESET_PASSWORD_BAD_TOKEN"));
        reset("made-up", "another").statusCode(400).body("detail", equalTo("RESET_PASSWORD_BAD_TOKEN"));
        Api.login(user.email(), "a new secret");
    }

    @Test
    void unknownEmailsGetTheSameAnswerAndNoMail() {
        Api user = Api.newUser();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        io.restassured.response.Response forUnknown = forgot(unknown);
        io.restassured.response.Response forKnown = forgot(user.email());
        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(202);
        assertThat(forUnknown.asString()).isEqualTo(forKnown.asString()).isEqualTo("null");
        assertThat(forUnknown.contentType()).isEqualTo(forKnown.contentType());
        Mailbox.token(user.email(), 1);
        assertThat(Mailbox.to(unknown)).isEmpty();
        given().contentType(ContentType.JSON).body(Map.of("email", "not an email")).post("/api/v0/auth/forgot-password")
                .then().statusCode(422);
    }
}
