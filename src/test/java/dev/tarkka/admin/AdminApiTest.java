package dev.tarkka.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The administrators' read-only views (api.md §11) and deactivating an account. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class AdminApiTest {

    Api admin;
    Api john;

    @BeforeEach
    void users() {
        admin = Api.admin();
        john = Api.newUser();
        john.json(List.of(Api.point(1, "metric1", 1), Api.point(2, "metric1", 1), Api.point(3, "metric1", 30)))
                .post("/api/v0/result/benchmark1").then().statusCode(200);
    }

    @Test
    void superusersSeeEveryone() {
        admin.as().get("/api/v0/admin/all_users").then().statusCode(200)
                .body("email", hasItem(john.email())).body("find { it.email == '" + Api.ADMIN_EMAIL + "' }.is_superuser",
                        equalTo(true))
                .body("find { it.email == '" + john.email() + "' }._id", equalTo(
                        john.as().get("/api/v0/users/me").then().extract().path("id")));
        admin.as().get("/api/v0/admin/results").then().statusCode(200)
                .body("'" + john.email() + "'", equalTo(List.of(Map.of("test_name", "benchmark1"))));
        admin.as().get("/api/v0/admin/result/" + john.email() + "/benchmark1").then().statusCode(200)
                .body("$", hasSize(3));
        admin.as().get("/api/v0/admin/result/" + john.email() + "/nothing").then().statusCode(200).body("$", hasSize(0));
        admin.as().get("/api/v0/admin/result/" + john.email() + "/benchmark1/changes").then().statusCode(200)
                .body("benchmark1[0].time", equalTo(3));
        for (String email : List.of("@", "invalidemail@", "nobody-here@example.com")) {
            admin.as().get("/api/v0/admin/result/" + email + "/benchmark1").then().statusCode(404)
                    .body("detail", equalTo("No such user exists"));
            admin.as().get("/api/v0/admin/result/" + email + "/benchmark1/changes").then().statusCode(404);
        }
    }

    /** The precompute covers organizations' tests too: they are owners like users. */
    @Test
    void precomputeCountsOrganizationsTests() {
        String team = "pre-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        john.json(Map.of("name", team)).post("/api/v0/orgs/").then().statusCode(201);
        int before = admin.as().get("/api/v0/results/precompute").then().statusCode(200).extract().as(Integer.class);
        john.json(List.of(Api.point(1, "m", 1))).post("/api/v0/orgs/result/" + team + "/a").then().statusCode(200);
        john.json(List.of(Api.point(1, "m", 1))).post("/api/v0/orgs/result/" + team + "/b").then().statusCode(200);
        int after = admin.as().get("/api/v0/results/precompute").then().statusCode(200).extract().as(Integer.class);
        assertThat(after).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void othersAreForbidden() {
        for (String path : List.of("/api/v0/admin/all_users", "/api/v0/admin/results",
                "/api/v0/admin/result/" + john.email() + "/benchmark1",
                "/api/v0/admin/result/" + john.email() + "/benchmark1/changes")) {
            john.as().get(path).then().statusCode(403).body("detail", equalTo("Forbidden"));
            given().get(path).then().statusCode(401).body("detail", equalTo("Unauthorized"));
        }
        john.json(Map.of("is_active", false)).put("/api/v0/admin/users/" + john.email() + "/active").then()
                .statusCode(403);
    }

    @Test
    void aDeactivatedUserIsRefusedAtOnce() {
        String apiToken = john.as().post("/api/v0/auth/token").then().statusCode(200).extract().path("access_token");
        String cookie = given().contentType(ContentType.URLENC).formParam("username", john.email())
                .formParam("password", john.password()).post("/api/v0/auth/cookie/login").then().statusCode(204)
                .extract().cookie("auth_cookie");
        admin.json(Map.of("is_active", false)).put("/api/v0/admin/users/" + john.email() + "/active").then()
                .statusCode(200).body("is_active", equalTo(false));
        john.as().get("/api/v0/results").then().statusCode(401);
        given().header("Authorization", "Bearer " + apiToken).get("/api/v0/results").then().statusCode(401);
        given().cookie("auth_cookie", cookie).get("/api/v0/results").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("username", john.email()).formParam("password", john.password())
                .post("/api/v0/auth/jwt/login").then().statusCode(400).body("detail", equalTo("LOGIN_BAD_CREDENTIALS"));
        admin.as().get("/api/v0/admin/all_users").then()
                .body("find { it.email == '" + john.email() + "' }.is_active", equalTo(false));
        admin.as().get("/api/v0/admin/results").then().body("$", hasKey(john.email()));

        admin.json(Map.of("is_active", true)).put("/api/v0/admin/users/" + john.email() + "/active").then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + apiToken).get("/api/v0/results").then().statusCode(200);
        admin.json(Map.of("is_active", false)).put("/api/v0/admin/users/nobody-here@example.com/active").then()
                .statusCode(404);
        admin.as().get("/api/v0/admin/results").then().body("$", not(hasKey("nobody-here@example.com")));
    }
}
