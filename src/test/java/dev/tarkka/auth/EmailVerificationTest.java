package dev.tarkka.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.EmailVerificationResource;
import dev.tarkka.support.Mailbox;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * With {@code tarkka.auth.email-verification=true} (api.md §1.4, §1.5): a new account logs in once it has opened
 * the link mailed to it; the link works once; asking for one answers the same for any email.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(EmailVerificationResource.class)
class EmailVerificationTest {

    static String register(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v0/auth/register").then().statusCode(201).body("is_verified", equalTo(false))
                .extract().asString();
    }

    static io.restassured.response.ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.URLENC).formParam("username", email).formParam("password", password)
                .post("/api/v0/auth/jwt/login").then();
    }

    @Test
    void theMailedLinkVerifiesOnce() {
        String email = "v-" + UUID.randomUUID() + "@example.com";
        register(email, "secret");
        login(email, "secret").statusCode(400).body("detail", equalTo("LOGIN_USER_NOT_VERIFIED"));
        String token = Mailbox.token(email, 1);
        given().redirects().follow(false).get("/api/v0/auth/verify-email/" + token).then().statusCode(307)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        login(email, "secret").statusCode(200);
        // used: refused
        given().redirects().follow(false).get("/api/v0/auth/verify-email/" + token).then().statusCode(400)
                .body("detail", equalTo("VERIFY_USER_BAD_TOKEN"));
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v0/auth/verify").then()
                .statusCode(400).body("detail", equalTo("VERIFY_USER_BAD_TOKEN"));
    }

    @Test
    void aRequestedTokenVerifiesThroughTheApi() {
        String email = "v-" + UUID.randomUUID() + "@example.com";
        register(email, "secret");
        String first = Mailbox.token(email, 1);
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v0/auth/request-verify-token")
                .then().statusCode(202).body(equalTo("null"));
        String second = Mailbox.token(email, 2);
        // the new link replaces the old one
        given().contentType(ContentType.JSON).body(Map.of("token", first)).post("/api/v0/auth/verify").then()
                .statusCode(400).body("detail", equalTo("VERIFY_USER_BAD_TOKEN"));
        given().contentType(ContentType.JSON).body(Map.of("token", second)).post("/api/v0/auth/verify").then()
                .statusCode(200).body("email", equalTo(email)).body("is_verified", equalTo(true));
        login(email, "secret").statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", "not-a-token")).post("/api/v0/auth/verify").then()
                .statusCode(400).body("detail", equalTo("VERIFY_USER_BAD_TOKEN"));
    }

    @Test
    void requestsAnswerTheSameForUnknownAndVerifiedEmails() throws InterruptedException {
        String verified = "v-" + UUID.randomUUID() + "@example.com";
        register(verified, "secret");
        given().contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(verified, 1)))
                .post("/api/v0/auth/verify").then().statusCode(200);
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        String forUnknown = given().contentType(ContentType.JSON).body(Map.of("email", unknown))
                .post("/api/v0/auth/request-verify-token").then().statusCode(202).extract().asString();
        String forVerified = given().contentType(ContentType.JSON).body(Map.of("email", verified))
                .post("/api/v0/auth/request-verify-token").then().statusCode(202).extract().asString();
        assertThat(forUnknown).isEqualTo(forVerified).isEqualTo("null");
        // an account that needs no link gets none; an unknown address gets nothing at all
        String other = "v-" + UUID.randomUUID() + "@example.com";
        register(other, "secret");
        Mailbox.token(other, 1);
        assertThat(Mailbox.to(unknown)).isEmpty();
        assertThat(Mailbox.to(verified)).hasSize(1);
    }
}
