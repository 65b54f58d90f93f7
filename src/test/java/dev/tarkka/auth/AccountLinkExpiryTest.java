package dev.tarkka.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.Mailbox;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.ShortLinksResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A reset token is refused once {@code tarkka.auth.account-token-ttl} (here one second) has passed. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(ShortLinksResource.class)
class AccountLinkExpiryTest {

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        Api user = Api.newUser();
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/v0/auth/forgot-password")
                .then().statusCode(202);
        String token = Mailbox.token(user.email(), 1);
        Thread.sleep(2_000); // the token was made before the mail was sent: it is older than its second now
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "new one"))
                .post("/api/v0/auth/reset-password").then().statusCode(400)
                .body("detail", equalTo("RESET_PASSWORD_BAD_TOKEN"));
        Api.login(user.email(), user.password());
    }
}
