package dev.tarkka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every organization, public and administrator endpoint, called as an organization's owner, member and viewer,
 * as a user who is not a member, anonymously, and as a superuser who is not a member; each with a bearer token and
 * with the login cookie. Each answer's status must be the one in the table below, and nothing a non-member gets
 * may name the organization's test or show its values.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class PermissionMatrixTest {

    enum Who {
        OWNER, MEMBER, VIEWER, OUTSIDER, ANONYMOUS, SUPERUSER
    }

    /** A distinctive test name segment and value of the organization's private test. */
    static final String SECRET_NAME = "secret-bench-4711";
    static final double SECRET_VALUE = 12345.678;

    /** Statuses in the order of {@link Who}. */
    record Row(String method, String path, Supplier<Object> body, Runnable setup, int... statuses) {
    }

    static final int[] READ = { 200, 200, 200, 404, 401, 404 };
    static final int[] WRITE = { 200, 200, 403, 404, 401, 404 };
    static final int[] MANAGE = { 200, 403, 403, 404, 401, 404 };
    static final int[] ANY_USER = { 200, 200, 200, 200, 401, 200 };
    static final int[] ANYONE = { 200, 200, 200, 200, 200, 200 };
    static final int[] SUPERUSER = { 403, 403, 403, 403, 401, 200 };

    Map<Who, Api> users = new LinkedHashMap<>();
    Map<Who, String> cookies = new LinkedHashMap<>();
    String org;
    String test;
    String publicName;
    String publicPull;
    Api publisher;
    final AtomicInteger counter = new AtomicInteger(100);

    @BeforeEach
    void world() {
        users.put(Who.OWNER, Api.newUser());
        users.put(Who.MEMBER, Api.newUser());
        users.put(Who.VIEWER, Api.newUser());
        users.put(Who.OUTSIDER, Api.newUser());
        users.put(Who.SUPERUSER, Api.admin());
        users.forEach((who, api) -> cookies.put(who, given().contentType(ContentType.URLENC).formParam("username", api.email())
                .formParam("password", api.password()).post("/api/v0/auth/cookie/login").then().statusCode(204)
                .extract().cookie("auth_cookie")));
        org = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        test = org + "/repo/main/" + SECRET_NAME;
        Api owner = users.get(Who.OWNER);
        owner.json(Map.of("name", org)).post("/api/v0/orgs/").then().statusCode(201);
        owner.json(Map.of("role", "member")).put("/api/v0/orgs/" + org + "/members/" + users.get(Who.MEMBER).email())
                .then().statusCode(200);
        owner.json(Map.of("role", "viewer")).put("/api/v0/orgs/" + org + "/members/" + users.get(Who.VIEWER).email())
                .then().statusCode(200);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 12; t++) {
            points.add(point(t, t <= 6 ? SECRET_VALUE : SECRET_VALUE * 3, "c" + t));
        }
        owner.json(points).post("/api/v0/orgs/result/" + test).then().statusCode(200);
        owner.json(List.of(point(50, SECRET_VALUE * 5, "prc"))).post("/api/v0/orgs/pulls/" + org + "/repo/1/result/" + test)
                .then().statusCode(200);
        // someone else's public test
        publisher = Api.newUser();
        String pubOwner = "pub" + UUID.randomUUID().toString().substring(0, 8);
        String repo = "https://github.com/" + pubOwner + "/r";
        List<Map<String, Object>> open = new ArrayList<>();
        for (int t = 1; t <= 12; t++) {
            open.add(Api.point(t, Map.of("m", t <= 6 ? 1 : 3), repo, "main", "p" + t));
        }
        publisher.json(open).post("/api/v0/result/open-bench").then().statusCode(200);
        publisher.json(List.of(Map.of("public", true, "attributes", Map.of("git_repo", repo, "branch", "main"))))
                .post("/api/v0/config/open-bench").then().statusCode(200);
        publicName = pubOwner + "/r/main/open-bench";
        publicPull = pubOwner + "/r/7";
        publisher.json(List.of(Api.point(20, Map.of("m", 9), repo, "feature", "pp")))
                .post("/api/v0/pulls/" + publicPull + "/result/open-bench").then().statusCode(200);
    }

    Map<String, Object> point(long t, double value, String commit) {
        return Api.point(t, Map.of("m", value), "https://github.com/" + org + "/repo", "main", commit);
    }

    List<Row> table() {
        Api owner = users.get(Who.OWNER);
        String scratch = org + "/repo/main/scratch";
        String extra = Api.newUser().email();
        String o = "/api/v0/orgs/";
        List<Row> rows = new ArrayList<>();
        // organizations
        rows.add(new Row("GET", o, null, null, ANY_USER));
        rows.add(new Row("POST", o, () -> Map.of("name", "m-" + UUID.randomUUID().toString().substring(0, 12)), null,
                201, 201, 201, 201, 401, 201));
        rows.add(new Row("GET", o + "results", null, null, ANY_USER));
        rows.add(new Row("GET", o + "result/" + test, null, null, READ));
        rows.add(new Row("POST", o + "result/" + test, () -> List.of(point(counter.incrementAndGet(), 1, "w")), null, WRITE));
        rows.add(new Row("PUT", o + "result/" + test, () -> List.of(point(counter.incrementAndGet(), 1, "w")), null, WRITE));
        rows.add(new Row("DELETE", o + "result/" + scratch, null,
                () -> owner.json(List.of(point(1, 1, "s"))).put(o + "result/" + scratch).then().statusCode(200), WRITE));
        rows.add(new Row("GET", o + "result/" + test + "/changes", null, null, READ));
        rows.add(new Row("GET", o + "result/" + test + "/changes?notify=1", null, null, WRITE));
        rows.add(new Row("POST", o + "result/" + test + "/changes/disable", () -> List.of("no-such-metric"), null, WRITE));
        rows.add(new Row("POST", o + "result/" + test + "/changes/enable", () -> List.of(), null, WRITE));
        rows.add(new Row("GET", o + "result/" + test + "/summary", null, null, READ));
        rows.add(new Row("GET", o + "result/summarySiblings", null, null, ANY_USER));
        rows.add(new Row("GET", o + "result/" + org + "/summarySiblings", null, null, READ));
        rows.add(new Row("GET", o + "changes/perCommit/" + org, null, null, READ));
        rows.add(new Row("GET", o + "config/" + test, null, null, READ));
        rows.add(new Row("POST", o + "config/" + test, () -> List.of(Map.of("public", false, "attributes",
                Map.of("git_repo", "https://github.com/" + org + "/repo", "branch", "main"))), null, WRITE));
        rows.add(new Row("DELETE", o + "config/" + test, null, null, WRITE));
        rows.add(new Row("GET", o + "org/" + org, null, null, READ));
        rows.add(new Row("POST", o + "org/" + org, () -> Map.of(), null, MANAGE));
        rows.add(new Row("GET", o + org + "/members", null, null, READ));
        rows.add(new Row("PUT", o + org + "/members/" + extra, () -> Map.of("role", "viewer"), null, MANAGE));
        rows.add(new Row("DELETE", o + org + "/members/" + extra, null,
                () -> owner.json(Map.of("role", "viewer")).put(o + org + "/members/" + extra).then().statusCode(200),
                MANAGE));
        rows.add(new Row("GET", o + org + "/pulls", null, null, READ));
        rows.add(new Row("POST", o + "pulls/" + org + "/repo/2/result/" + test,
                () -> List.of(point(counter.incrementAndGet(), 1, "pr2")), null, WRITE));
        rows.add(new Row("GET", o + "pulls/" + org + "/repo/1/result/" + test, null, null, READ));
        rows.add(new Row("GET", o + "pulls/" + org + "/repo/1/changes/prc", null, null, READ));
        rows.add(new Row("DELETE", o + "pulls/" + org + "/repo/99", null, null, WRITE));
        rows.add(new Row("POST", "/api/v0/auth/token?org=" + org, null, null, READ));
        // deleting an organization: a fresh one, with the same members, for each call
        rows.add(new Row("DELETE", o + "{fresh}", null, null, MANAGE));
        // public tests and test configuration
        rows.add(new Row("GET", "/api/v0/public/results", null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/result/" + publicName, null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/result/" + publicName + "/changes", null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/result/summarySiblings", null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/result/" + publicName.split("/")[0] + "/summarySiblings", null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/changes/perCommit/" + publicName.split("/")[0], null, null, ANYONE));
        rows.add(new Row("GET", "/api/v0/public/result/" + test, null, null, 404, 404, 404, 404, 404, 404));
        String p = "/api/v0/public/pulls/";
        rows.add(new Row("GET", p + publicPull + "/changes/pp/test/" + publicName, null, null, ANY_USER));
        rows.add(new Row("GET", p + publicPull + "/changes/pp", null, null, ANY_USER));
        rows.add(new Row("GET", p + publicPull + "/result/pp/test/" + publicName, null, null, ANYONE));
        rows.add(new Row("GET", p + publicName.split("/")[0], null, null, ANYONE));
        // the organization's test is not public: its pull request stays out of every public read
        rows.add(new Row("GET", p + org, null, null, ANYONE));
        rows.add(new Row("GET", p + org + "/repo/1/result/prc/test/" + test, null, null, 404, 404, 404, 404, 404, 404));
        rows.add(new Row("GET", p + org + "/repo/1/changes/prc", null, null, 404, 404, 404, 404, 401, 404));
        rows.add(new Row("GET", p + org + "/repo/1/changes/prc/test/" + test, null, null, 404, 404, 404, 404, 401, 404));
        rows.add(new Row("GET", "/api/v0/config/open-bench", null, null, ANY_USER));
        rows.add(new Row("POST", "/api/v0/config/own-bench", () -> List.of(Map.of("public", false, "attributes",
                Map.of("git_repo", "https://github.com/x/y", "branch", "main"))), null, ANY_USER));
        rows.add(new Row("DELETE", "/api/v0/config/own-bench", null, null, ANY_USER));
        // administrators
        rows.add(new Row("GET", "/api/v0/admin/all_users", null, null, SUPERUSER));
        rows.add(new Row("GET", "/api/v0/admin/results", null, null, SUPERUSER));
        rows.add(new Row("GET", "/api/v0/admin/result/" + publisher.email() + "/open-bench", null, null, SUPERUSER));
        rows.add(new Row("GET", "/api/v0/admin/result/" + publisher.email() + "/open-bench/changes", null, null, SUPERUSER));
        rows.add(new Row("PUT", "/api/v0/admin/users/" + extra + "/active", () -> Map.of("is_active", true), null, SUPERUSER));
        return rows;
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays() {
        List<String> wrong = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Row row : table()) {
            for (Who who : Who.values()) {
                for (boolean cookie : who == Who.ANONYMOUS ? new boolean[] { false } : new boolean[] { false, true }) {
                    if (row.setup() != null) {
                        row.setup().run();
                    }
                    // a new organization only where the row's path asks for one: three more requests each
                    String path = row.path().contains("{fresh}") ? row.path().replace("{fresh}", freshOrg())
                            : row.path();
                    Response response = call(who, cookie, row, path);
                    int expected = row.statuses()[who.ordinal()];
                    String label = row.method() + " " + path + " as " + who + (cookie ? " (cookie)" : " (bearer)");
                    if (response.statusCode() != expected) {
                        wrong.add(label + ": " + response.statusCode() + ", expected " + expected + " " + response.asString());
                    }
                    if (who == Who.OUTSIDER || who == Who.ANONYMOUS || who == Who.SUPERUSER) {
                        String body = response.asString();
                        if (body.contains(SECRET_NAME) || body.contains("12345.678") || body.contains("37037.034")) {
                            leaks.add(label + ": " + body);
                        }
                    }
                }
            }
        }
        assertThat(wrong).as("answers that differ from the table").isEmpty();
        assertThat(leaks).as("answers to non-members that show the organization's test").isEmpty();
    }

    /** A new organization of the owner's with the same member and viewer; its name. */
    String freshOrg() {
        String name = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        Api owner = users.get(Who.OWNER);
        owner.json(Map.of("name", name)).post("/api/v0/orgs/").then().statusCode(201);
        owner.json(Map.of("role", "member")).put("/api/v0/orgs/" + name + "/members/" + users.get(Who.MEMBER).email())
                .then().statusCode(200);
        owner.json(Map.of("role", "viewer")).put("/api/v0/orgs/" + name + "/members/" + users.get(Who.VIEWER).email())
                .then().statusCode(200);
        return name;
    }

    Response call(Who who, boolean cookie, Row row, String path) {
        RequestSpecification request = given();
        if (who != Who.ANONYMOUS) {
            request = cookie
                    ? request.cookie("auth_cookie", cookies.get(who)).header("Origin", "http://localhost:" + RestAssured.port)
                    : request.header("Authorization", "Bearer " + users.get(who).token());
        }
        if (row.body() != null) {
            request = request.contentType(ContentType.JSON).body(row.body().get());
        }
        return request.request(row.method(), path);
    }
}
