package dev.tarkka.notify;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Notifier settings in {@code /user/config}: Nyrkio's fields as Nyrkio has them, Tarkka's channels beside them,
 * secrets never read back, and no URL into the service's own network (private targets are not allowed here, as
 * by default).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class NotifierConfigTest {

    Api user;

    @BeforeEach
    void freshUser() {
        user = Api.newUser();
    }

    static Map<String, Object> notifiers(Map<String, Object> extra) {
        Map<String, Object> notifiers = new HashMap<>(Map.of("slack", true, "github", true, "since_days", 14));
        notifiers.putAll(extra);
        return Map.of("notifiers", notifiers);
    }

    @Test
    void secretsAreMaskedOnReadAndKeptWhenSentBackMasked() {
        user.json(notifiers(Map.of("slack_webhook_url", "https://hooks.slack.example/services/T000/B000/SECRET",
                "github_token", "ghp_secret", "webhook", Map.of("url", "https://hooks.example/tarkka?key=SECRET",
                        "secret", "s3cret"), "email", List.of("dev@example.com"), "regressions_only", true)))
                .post("/api/v0/user/config").then().statusCode(200);
        String read = user.as().get("/api/v0/user/config").then().statusCode(200)
                .body("notifiers.slack_webhook_url", equalTo("https://hooks.slack.example/********"))
                .body("notifiers.github_token", equalTo("********"))
                .body("notifiers.webhook.url", equalTo("https://hooks.example/********"))
                .body("notifiers.webhook.secret", equalTo("********"))
                .body("notifiers.email", equalTo(List.of("dev@example.com")))
                .body("notifiers.regressions_only", equalTo(true))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(read).doesNotContain("SECRET").doesNotContain("ghp_secret")
                .doesNotContain("s3cret");

        // what a read showed, written back: nothing changes
        Map<String, Object> shown = user.as().get("/api/v0/user/config").jsonPath().getMap("notifiers");
        user.json(Map.of("notifiers", shown)).put("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("notifiers.github_token", equalTo("********"))
                .body("notifiers.webhook.secret", equalTo("********"));
    }

    /** Nyrkio's GitHub Action writes the notifiers on every run with Nyrkio's fields alone. */
    @Test
    void nyrkiosFieldsAloneKeepTarkkasChannels() {
        user.json(notifiers(Map.of("github_token", "ghp_secret"))).post("/api/v0/user/config").then().statusCode(200);
        user.json(Map.of("notifiers", Map.of("github", false, "slack", false, "since_days", 7)))
                .post("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then()
                .body("notifiers.github", equalTo(false)).body("notifiers.since_days", equalTo(7))
                .body("notifiers.github_pr", nullValue())
                .body("notifiers.github_token", equalTo("********"));
        // null removes
        user.json(notifiers(new HashMap<>(java.util.Collections.singletonMap("github_token", null))))
                .post("/api/v0/user/config").then().statusCode(200);
        user.as().get("/api/v0/user/config").then().body("notifiers.containsKey('github_token')", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:9000/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook", "http://localhost/hook", "http://[::1]/hook", "http://192.168.1.10/hook",
            "http://100.64.0.1/hook", "http://[fd00::1]/hook" })
    void targetsInTheServicesOwnNetworkAreRefused(String url) {
        user.json(notifiers(Map.of("webhook", Map.of("url", url)))).post("/api/v0/user/config").then()
                .statusCode(400).body("detail", startsWith("notifiers.webhook.url: "));
        user.json(notifiers(Map.of("slack_webhook_url", url))).post("/api/v0/user/config").then()
                .statusCode(400).body("detail", startsWith("notifiers.slack_webhook_url: "));
        user.as().get("/api/v0/user/config").then().body("notifiers", nullValue());
    }

    @Test
    void malformedSettingsAreRefused() {
        user.json(notifiers(Map.of("webhook", Map.of("url", "ftp://example.com/x")))).post("/api/v0/user/config")
                .then().statusCode(400).body("detail", equalTo("notifiers.webhook.url: only http and https URLs are allowed"));
        user.json(notifiers(Map.of("email", List.of("not-an-address")))).post("/api/v0/user/config")
                .then().statusCode(422);
        user.json(notifiers(Map.of("since_days", -1))).post("/api/v0/user/config").then().statusCode(400);
    }

    @Test
    void aTestMessageNeedsAChannel() {
        user.as().post("/api/v0/notifications/test").then().statusCode(400)
                .body("detail", startsWith("No notification channel is configured"));
        user.as().get("/api/v0/notifications").then().statusCode(200).body("$", org.hamcrest.Matchers.empty());
    }
}
