package dev.tarkka.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.tarkka.store.StoreNames;
import dev.tarkka.support.Api;
import dev.tarkka.support.Jwts;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.RawHttp;
import dev.tarkka.support.TestKeys;
import io.quarkus.arc.Arc;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Forged, stale and malformed credentials: every one gets 401 {@code {"detail":"Unauthorized"}} on every
 * protected endpoint, and never a 5xx. Each forged token differs in one thing from a token the service
 * accepts ({@link #aCorrectlySignedTokenIsAccepted}), so each refusal is for that one reason.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class TokenAttacksTest {

    private static final long HOUR = 3600;

    Api victim;
    String victimId;

    @BeforeEach
    void victim() {
        victim = Api.registered();
        victimId = victim.as().get("/api/v0/users/me").then().statusCode(200).extract().path("id");
    }

    /** Protected endpoints of each kind: reads, the upload, account and token management. */
    static List<Response> callProtectedEndpoints(RequestSpecification... requests) {
        List<Response> answers = new ArrayList<>();
        for (RequestSpecification request : requests) {
            answers.add(request.get("/api/v0/results"));
        }
        answers.add(requests[1 % requests.length].get("/api/v0/users/me"));
        answers.add(requests[2 % requests.length].contentType(ContentType.JSON)
                .body(List.of(Api.point(1, "metric1", 1))).post("/api/v0/result/x"));
        answers.add(requests[3 % requests.length].get("/api/v0/auth/tokens"));
        return answers;
    }

    static void assertUnauthorized(Response answer) {
        answer.then().statusCode(401).contentType(ContentType.JSON).body("detail", equalTo("Unauthorized"));
    }

    /** Refused as a bearer token and as the login cookie, on every kind of endpoint. */
    static void assertRefused(String token) {
        callProtectedEndpoints(bearer(token), bearer(token), bearer(token), bearer(token))
                .forEach(TokenAttacksTest::assertUnauthorized);
        assertUnauthorized(given().cookie("auth_cookie", token).get("/api/v0/users/me"));
    }

    /**
     * A change written to the store by someone else, like another replica, is seen once the accounts requests
     * reuse ({@code tarkka.auth.account-cache-ttl}) have expired; a change this process makes is seen at once.
     */
    static void waitAsForAnotherReplica() throws InterruptedException {
        Thread.sleep(ConfigProvider.getConfig().getValue("tarkka.auth.account-cache-ttl", Duration.class).toMillis());
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    Jwts forged(String alg) {
        return Jwts.session(alg, victimId, victim.email());
    }

    @Test
    void aCorrectlySignedTokenIsAccepted() {
        String token = forged("RS256").signRs256(TestKeys.privateKey());
        bearer(token).get("/api/v0/users/me").then().statusCode(200).body("id", equalTo(victimId));
        callProtectedEndpoints(bearer(token)).forEach(answer -> answer.then().statusCode(200));
    }

    @Test
    void unsignedTokens() {
        for (String none : List.of("none", "None", "NONE")) {
            assertRefused(forged(none).unsigned());
        }
        // alg none, but the signature of a genuine token left in place
        String genuine = forged("RS256").signRs256(TestKeys.privateKey());
        String unsigned = forged("none").unsigned();
        assertRefused(unsigned + genuine.substring(genuine.lastIndexOf('.') + 1));
    }

    /** HS256 keyed with the public key: a verifier that takes the algorithm from the token would accept it. */
    @Test
    void hmacKeyedWithThePublicKey() {
        String pem = TestKeys.publicKeyPem();
        for (byte[] secret : List.of(pem.getBytes(StandardCharsets.US_ASCII),
                pem.strip().getBytes(StandardCharsets.US_ASCII),
                TestKeys.publicKey().getEncoded())) {
            for (String alg : List.of("HS256", "HS384", "HS512")) {
                assertRefused(forged(alg).signHs256(secret));
            }
        }
    }

    @Test
    void signedByAnotherKey() {
        assertRefused(forged("RS256").signRs256(TestKeys.stranger().getPrivate()));
    }

    @Test
    void expired() {
        long now = now();
        assertRefused(forged("RS256").claim("iat", now - 2 * HOUR).claim("exp", now - HOUR)
                .signRs256(TestKeys.privateKey()));
        assertRefused(forged("RS256").claim("exp", null).signRs256(TestKeys.privateKey()));
    }

    @Test
    void notYetValid() {
        long now = now();
        assertRefused(forged("RS256").claim("nbf", now + HOUR).signRs256(TestKeys.privateKey()));
        // Tarkka never issues tokens dated in the future: one that is was not made by Tarkka's clock
        assertRefused(forged("RS256").claim("iat", now + HOUR).claim("exp", now + 2 * HOUR)
                .signRs256(TestKeys.privateKey()));
    }

    @Test
    void wrongIssuer() {
        assertRefused(forged("RS256").claim("iss", "someone-else").signRs256(TestKeys.privateKey()));
        assertRefused(forged("RS256").claim("iss", null).signRs256(TestKeys.privateKey()));
    }

    @Test
    void revokedApiToken() {
        String apiToken = victim.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        bearer(apiToken).get("/api/v0/results").then().statusCode(200);
        String id = victim.as().get("/api/v0/auth/tokens").then().extract().path("[0].id");
        victim.as().delete("/api/v0/auth/tokens/" + id).then().statusCode(204);
        assertRefused(apiToken);
    }

    /** What a deleted account's token looks like to the service, also where the store is out of reach (IT). */
    @Test
    void correctlySignedForNoSuchUser() {
        assertRefused(Jwts.session("RS256", new ObjectId().toHexString(), victim.email()).signRs256(TestKeys.privateKey()));
        assertRefused(Jwts.session("RS256", "not-an-id", victim.email()).signRs256(TestKeys.privateKey()));
    }

    @Test
    void deletedUser() throws InterruptedException {
        String apiToken = victim.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        users().deleteOne(Filters.eq("_id", new ObjectId(victimId))).await().atMost(Duration.ofSeconds(10));
        waitAsForAnotherReplica();
        assertRefused(victim.token());
        assertRefused(apiToken);
    }

    @Test
    void deactivatedUser() throws InterruptedException {
        String apiToken = victim.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        users().updateOne(Filters.eq("_id", new ObjectId(victimId)), Updates.set("is_active", false))
                .await().atMost(Duration.ofSeconds(10));
        waitAsForAnotherReplica();
        assertRefused(victim.token());
        assertRefused(apiToken);
        // nor can a deactivated user log in again
        given().contentType(ContentType.URLENC).formParam("username", victim.email()).formParam("password", victim.password())
                .post("/api/v0/auth/jwt/login").then().statusCode(400).body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
    }

    @Test
    void garbageAndOversizedHeaders() {
        Random random = new Random(42);
        List<String> headers = new ArrayList<>(List.of("Bearer garbage", "Bearer a.b.c", "Bearer ...", "Bearer",
                "Bearer ", "Bearer      ", "bearer", "Token " + victim.token(), "Basic dXNlcjpwdw==",
                "Bearer " + victim.token() + "x", "Bearer " + victim.token() + " trailing",
                "Bearer " + victim.token().replace('.', '!'), "Bearer \u00e4\u00e4\u00e4"));
        for (int size : new int[] { 20 * 1024, 100 * 1024 }) {
            headers.add("Bearer " + "a".repeat(size));
            byte[] noise = new byte[size * 3 / 4];
            random.nextBytes(noise);
            String part = Base64.getUrlEncoder().withoutPadding().encodeToString(noise);
            headers.add("Bearer " + part.substring(0, part.length() / 3) + "." + part.substring(part.length() / 3));
            // a real header and claims, then a huge signature
            String token = victim.token();
            headers.add("Bearer " + token.substring(0, token.lastIndexOf('.') + 1) + part);
        }
        for (String header : headers) {
            RequestSpecification request = given().header("Authorization", header);
            callProtectedEndpoints(request, request, request, request).forEach(answer -> {
                assertThat(answer.statusCode()).as("%s...", header.substring(0, Math.min(40, header.length())))
                        .isEqualTo(401);
                assertUnauthorized(answer);
            });
        }
    }

    /** Which of two credentials would count is ambiguous: the request is refused, whatever their order. */
    @Test
    void twoAuthorizationHeaders() throws IOException {
        Api other = Api.registered();
        List<List<String>> pairs = List.of(List.of(victim.token(), "garbage"), List.of("garbage", victim.token()),
                List.of(victim.token(), other.token()), List.of(victim.token(), victim.token()));
        URI base = URI.create(RestAssured.baseURI);
        try (RawHttp http = new RawHttp(base.getHost(), RestAssured.port)) {
            for (List<String> pair : pairs) {
                for (String target : List.of("/api/v0/users/me", "/api/v0/results", "/api/v0/auth/tokens")) {
                    RawHttp.Response answer = http.send("GET", target, List.of(
                            new RawHttp.Header("Authorization", "Bearer " + pair.get(0)),
                            new RawHttp.Header("Authorization", "Bearer " + pair.get(1))), null, false, true,
                            Duration.ofSeconds(30));
                    assertThat(answer.status()).as("%s with two Authorization headers", target).isEqualTo(401);
                    assertThat(answer.header("Content-Type")).startsWith("application/json");
                    assertThat(answer.bodyText()).isEqualTo("{\"detail\":\"Unauthorized\"}");
                }
            }
        }
    }

    private static ReactiveMongoCollection<Document> users() {
        return Arc.container().instance(StoreNames.class).get().collection(StoreNames.USERS);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
