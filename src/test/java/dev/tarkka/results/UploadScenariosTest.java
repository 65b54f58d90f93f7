package dev.tarkka.results;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The eight upload scenarios of the crash report that started the project: every one of them answered
 * 500 "Broken pipe" in Nyrkio's production mode. Here each must be stored and answered 200, in the test
 * app and (through the IT subclass) in the packaged jar in the prod profile.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class UploadScenariosTest {

    static final String REPO = "https://github.com/nyrkio/nyrkio";
    static Api john;
    static Api other;

    @BeforeEach
    void users() {
        if (john == null) {
            john = Api.newUser();
            other = Api.newUser();
        }
    }

    @Test
    void minimal() {
        upload(john, "minimal", List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456")));
    }

    @Test
    void twoMetrics() {
        upload(john, "two-metrics", List.of(Api.point(1, Map.of("metric1", 1.5, "metric2", 200), REPO, "main", "123456")));
    }

    @Test
    void twoTimestamps() {
        upload(john, "two-timestamps", List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456"),
                Api.point(2, Map.of("metric1", 1.6), REPO, "main", "123457")));
    }

    @Test
    void withExtraInfo() {
        Map<String, Object> point = new java.util.HashMap<>(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456"));
        point.put("extra_info", Map.of("runner", "ubuntu-latest", "nested", Map.of("cores", 2)));
        upload(john, "extra-info", List.of(point));
        john.as().get("/api/v0/result/extra-info").then().statusCode(200)
                .body("[0].extra_info.nested.cores", equalTo(2));
    }

    @Test
    void anotherBranch() {
        upload(john, "branch", List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "ui-testing", "123456")));
    }

    @Test
    void anotherUser() {
        upload(other, "minimal", List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456")));
    }

    @Test
    void nameWithSlashes() {
        upload(john, "org/repo/branch/test-name", List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456")));
        john.as().get("/api/v0/results").then().statusCode(200)
                .body("test_name", org.hamcrest.Matchers.hasItem("org/repo/branch/test-name"));
    }

    @Test
    void currentTimestamp() {
        upload(john, "now", List.of(Api.point(Instant.now().getEpochSecond(), Map.of("metric1", 1.5), REPO, "main", "abcdef")));
    }

    @Test
    void repostingTheSamePointIsADuplicateNotAServerError() {
        List<Map<String, Object>> body = List.of(Api.point(1, Map.of("metric1", 1.5), REPO, "main", "123456"));
        upload(john, "duplicate", body);
        john.json(body).post("/api/v0/result/duplicate").then().statusCode(400)
                .body("detail.reason", equalTo("Result already exists for key"))
                .body("detail.data", equalTo(Map.of("test_name", "duplicate", "timestamp", 1, "git_repo", REPO,
                        "branch", "main", "git_commit", "123456")));
    }

    private static void upload(Api user, String name, List<Map<String, Object>> body) {
        user.json(body).post("/api/v0/result/" + name).then().statusCode(200).body("$", hasKey(name));
        user.as().get("/api/v0/result/" + name).then().statusCode(200).body("size()", equalTo(body.size()));
    }
}
