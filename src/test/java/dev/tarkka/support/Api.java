package dev.tarkka.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A user of the API, as a CI pipeline or a person with curl would be one. */
public record Api(String email, String password, String token) {

    /** The administrator {@link MongoTestResource} configures. */
    public static final String ADMIN_EMAIL = "admin@tarkka.test";
    public static final String ADMIN_PASSWORD = "admin-" + "secret";

    /**
     * The administrator, logged in. It is created in the background at startup, so the first login may have to
     * wait for it.
     */
    public static Api admin() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            io.restassured.response.Response login = given().contentType(ContentType.URLENC)
                    .formParam("username", ADMIN_EMAIL).formParam("password", ADMIN_PASSWORD)
                    .post("/api/v0/auth/jwt/login");
            if (login.statusCode() == 200) {
                return new Api(ADMIN_EMAIL, ADMIN_PASSWORD, login.path("access_token"));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The administrator cannot log in: " + login.asString());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Registers a new user with a unique email, logs in with Nyrkio's form login and deletes the example
     * test every new user gets (as Nyrkio's own test helper does), so the account starts empty.
     */
    public static Api newUser() {
        Api user = registered();
        user.as().delete("/api/v0/result/default_benchmark").then().statusCode(200);
        return user;
    }

    /** A new user with unique credentials, as registration leaves them. */
    public static Api registered() {
        return newUser("user-" + UUID.randomUUID() + "@example.com", "secret-" + UUID.randomUUID());
    }

    public static Api newUser(String email, String password) {
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v0/auth/register").then().statusCode(201);
        return new Api(email, password, login(email, password));
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.URLENC).formParam("username", email).formParam("password", password)
                .post("/api/v0/auth/jwt/login").then().statusCode(200).extract().path("access_token");
    }

    public RequestSpecification as() {
        return given().header("Authorization", "Bearer " + token);
    }

    public RequestSpecification json(Object body) {
        return as().contentType(ContentType.JSON).body(body);
    }

    /** One data point in Nyrkio's upload format. */
    public static Map<String, Object> point(long timestamp, Map<String, Object> metrics, String repo, String branch,
            String commit) {
        List<Map<String, Object>> list = metrics.entrySet().stream()
                .map(m -> Map.<String, Object>of("name", m.getKey(), "unit", "ms", "value", m.getValue()))
                .toList();
        return Map.of("timestamp", timestamp, "metrics", list,
                "attributes", Map.of("git_repo", repo, "branch", branch, "git_commit", commit));
    }

    /** Metrics in the given order (name, value, name, value, ...): the order decides the report's metric order. */
    public static Map<String, Object> metrics(Object... namesAndValues) {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metrics.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return metrics;
    }

    public static Map<String, Object> point(long timestamp, String metric, Object value) {
        return point(timestamp, Map.of(metric, value), "myrepo", "main", "123456");
    }
}
