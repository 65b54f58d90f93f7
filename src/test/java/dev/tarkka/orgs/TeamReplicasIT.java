package dev.tarkka.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.PackagedApp;
import dev.tarkka.support.TwoReplicas;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged jar on one store: a member removed on one is refused on the other from the very next
 * request; a user deactivated or an API token revoked on one is refused at once there and on the other within the
 * second for which requests may reuse the caller's account ({@code tarkka.auth.account-cache-ttl}, its default).
 */
class TeamReplicasIT extends TwoReplicas {

    /** The default of {@code tarkka.auth.account-cache-ttl}: the promise is "on every replica within a second". */
    static final Duration ACCOUNT_REUSE = Duration.ofSeconds(1);

    static RequestSpecification on(PackagedApp app, String token) {
        return given().baseUri(app.baseUri()).header("Authorization", "Bearer " + token);
    }

    static String signUp(PackagedApp app, String email) {
        given().baseUri(app.baseUri()).contentType(ContentType.JSON).body(Map.of("email", email, "password", "secret"))
                .post("/api/v0/auth/register").then().statusCode(201);
        return login(app, email, "secret");
    }

    static String login(PackagedApp app, String email, String password) {
        return given().baseUri(app.baseUri()).contentType(ContentType.URLENC).formParam("username", email)
                .formParam("password", password).post("/api/v0/auth/jwt/login").then().statusCode(200).extract()
                .path("access_token");
    }

    @Test
    void revokedMembershipAndDeactivationHoldOnEveryReplica() throws Exception {
        startReplicas("teams-replica", Map.of("TARKKA_ADMIN_EMAIL", Api.ADMIN_EMAIL, "TARKKA_ADMIN_PASSWORD", Api.ADMIN_PASSWORD));

        String owner = signUp(a, "owner-" + UUID.randomUUID() + "@example.com");
        String memberEmail = "member-" + UUID.randomUUID() + "@example.com";
        String member = signUp(b, memberEmail);
        String org = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        on(a, owner).contentType(ContentType.JSON).body(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201);
        on(a, owner).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .put("/api/v0/orgs/" + org + "/members/" + memberEmail).then().statusCode(200);
        String ci = on(b, member).post("/api/v0/auth/token?org=" + org).then().statusCode(200).extract().path("access_token");
        String test = org + "/repo/main/bench";
        on(b, ci).contentType(ContentType.JSON).body(List.of(Api.point(1, Map.of("m", 1), "https://github.com/x/y", "main", "c1")))
                .post("/api/v0/orgs/result/" + test).then().statusCode(200);
        on(a, member).get("/api/v0/orgs/result/" + test).then().statusCode(200);

        // removed on a: refused on b at once, with the login token and the CI token
        on(a, owner).delete("/api/v0/orgs/" + org + "/members/" + memberEmail).then().statusCode(200);
        on(b, member).get("/api/v0/orgs/result/" + test).then().statusCode(404)
                .body("detail", equalTo("No such organization exists"));
        on(b, ci).contentType(ContentType.JSON).body(List.of(Api.point(2, Map.of("m", 1), "https://github.com/x/y", "main", "c2")))
                .post("/api/v0/orgs/result/" + test).then().statusCode(404);

        // an API token revoked on a: refused there at once, on b within a second
        String personal = on(b, member).post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        on(b, personal).get("/api/v0/results").then().statusCode(200);
        on(a, personal).get("/api/v0/results").then().statusCode(200);
        String personalId = on(a, member).get("/api/v0/auth/tokens").then().statusCode(200).extract()
                .path("[-1].id"); // listed in the order they were made
        on(a, member).delete("/api/v0/auth/tokens/" + personalId).then().statusCode(204);
        on(a, personal).get("/api/v0/results").then().statusCode(401);
        Thread.sleep(ACCOUNT_REUSE.toMillis());
        on(b, personal).get("/api/v0/results").then().statusCode(401);

        // deactivated on a by the administrator: refused there at once, on b within a second
        on(b, member).get("/api/v0/results").then().statusCode(200);
        String adminToken = login(a, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        on(a, adminToken).contentType(ContentType.JSON).body(Map.of("is_active", false))
                .put("/api/v0/admin/users/" + memberEmail + "/active").then().statusCode(200);
        on(a, member).get("/api/v0/results").then().statusCode(401);
        Thread.sleep(ACCOUNT_REUSE.toMillis());
        on(b, member).get("/api/v0/results").then().statusCode(401);
    }
}
