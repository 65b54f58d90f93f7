package dev.tarkka.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What protects people who use Tarkka in a browser: cookie-authenticated writes only from Tarkka's own pages (JSON
 * 403 otherwise), bearer-token use untouched, and the security headers on every answer.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class BrowserProtectionTest {

    Api user;
    String cookie;

    @BeforeEach
    void signedInWithTheCookie() {
        user = Api.newUser();
        cookie = given().contentType(ContentType.URLENC).formParam("username", user.email())
                .formParam("password", user.password()).post("/api/v0/auth/cookie/login").then().statusCode(204)
                .extract().cookie("auth_cookie");
    }

    RequestSpecification withCookie() {
        return given().cookie("auth_cookie", cookie);
    }

    String ownOrigin() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void cookieWritesFromAnotherOriginAreRefusedWithJson() {
        withCookie().header("Origin", "https://evil.example").post("/api/v0/auth/token").then().statusCode(403)
                .contentType(ContentType.JSON).body("detail", equalTo("CSRF blocked"));
        // another port of the same host is another origin
        withCookie().header("Origin", "http://localhost:1").post("/api/v0/auth/token").then().statusCode(403);
        withCookie().header("Referer", "https://evil.example/page").post("/api/v0/auth/cookie/logout").then()
                .statusCode(403);
        withCookie().header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON).body("[]")
                .post("/api/v0/result/x/changes/enable").then().statusCode(403);
        withCookie().header("Origin", "null").delete("/api/v0/results").then().statusCode(403);
        user.as().get("/api/v0/auth/tokens").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void cookieWritesFromTarkkasOwnPagesPass() {
        withCookie().header("Origin", ownOrigin()).post("/api/v0/auth/token").then().statusCode(200);
        withCookie().header("Referer", ownOrigin() + "/settings").post("/api/v0/auth/token").then().statusCode(200);
        withCookie().header("Sec-Fetch-Site", "same-origin").post("/api/v0/auth/token").then().statusCode(200);
        // no Origin, no Referer (curl): the host it was sent to is the public URL's (localhost)
        withCookie().post("/api/v0/auth/token").then().statusCode(200);
        user.as().get("/api/v0/auth/tokens").then().body("size()", equalTo(4));
    }

    @Test
    void readsAndRequestsWithoutTheCookieAreNotChecked() {
        withCookie().header("Origin", "https://evil.example").get("/api/v0/users/me").then().statusCode(200);
        // bearer tokens, which a page of another origin cannot send
        user.as().header("Origin", "https://evil.example").post("/api/v0/auth/token").then().statusCode(200);
        // a login, which carries no cookie yet
        given().header("Origin", "https://evil.example").contentType(ContentType.URLENC)
                .formParam("username", user.email()).formParam("password", user.password())
                .post("/api/v0/auth/cookie/login").then().statusCode(204);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
        user.as().get("/api/v0/results").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff");
        withCookie().header("Origin", "https://evil.example").post("/api/v0/auth/token").then().statusCode(403)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/q/health/live").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}
