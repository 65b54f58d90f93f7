package dev.tarkka.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Password guessing against one account is throttled (default settings: 10 failures per 15 minutes). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class LoginThrottleTest {

    static final int MAX_FAILURES = 10;

    static ValidatableResponse login(String path, String email, String password) {
        return given().contentType(ContentType.URLENC).formParam("username", email).formParam("password", password)
                .post(path).then();
    }

    static ValidatableResponse login(String email, String password) {
        return login("/api/v0/auth/jwt/login", email, password);
    }

    static void fail(String email, int times) {
        for (int i = 0; i < times; i++) {
            login(email, "wrong-" + i).statusCode(400).body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
        }
    }

    static void assertThrottled(ValidatableResponse response) {
        String retryAfter = response.statusCode(429).contentType(ContentType.JSON)
                .body("detail", equalTo("Too many failed logins for this account; retry later"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L);
    }

    @Test
    void theRightPasswordIsRefusedOnceTheFailuresAreUsedUp() {
        Api victim = Api.registered();
        fail(victim.email(), MAX_FAILURES);

        assertThrottled(login(victim.email(), victim.password()));
        // the address in another case is the same account, and the cookie login the same door
        assertThrottled(login(victim.email().toUpperCase(), victim.password()));
        assertThrottled(login("/api/v0/auth/cookie/login", victim.email(), victim.password()));
        // tokens handed out before the attack still work: throttling is about logins only
        victim.as().get("/api/v0/users/me").then().statusCode(200);
    }

    @Test
    void otherAccountsStillLogIn() {
        Api victim = Api.registered();
        Api bystander = Api.registered();
        fail(victim.email(), MAX_FAILURES);
        for (int i = 0; i < 3; i++) {
            assertThrottled(login(victim.email(), "wrong"));
        }
        assertThrottled(login(victim.email(), victim.password()));

        login(bystander.email(), bystander.password()).statusCode(200);
        login(bystander.email(), "wrong").statusCode(400);
        login(bystander.email(), bystander.password()).statusCode(200);
    }

    @Test
    void aSuccessfulLoginClearsTheFailures() {
        Api user = Api.registered();
        fail(user.email(), MAX_FAILURES - 1);
        login(user.email(), user.password()).statusCode(200);
        fail(user.email(), MAX_FAILURES);
        login(user.email(), user.password()).statusCode(429);
    }

    @Test
    void unknownEmailsAreThrottledAlike() {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        fail(nobody, MAX_FAILURES);
        assertThrottled(login(nobody, "anything"));
    }
}
