package dev.tarkka.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.FakeTargets;
import dev.tarkka.support.FakeTargetsResource;
import dev.tarkka.support.Fakes;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Regressions reach people: a main-branch regression gives one Slack message, one GitHub issue, one signed webhook
 * and one mail; a pull request one comment, updated in place; nothing is sent twice, old change points never, and
 * targets that fail get the notification once they recover. The targets are fakes on loopback.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(FakeTargetsResource.class)
class NotificationsTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String SECRET = "webhook-secret";
    static final String REPO = "https://github.com/acme/widgets";

    Api user;

    @BeforeEach
    void freshUserAndTargets() {
        Fakes.mode(FakeTargets.Mode.OK);
        Fakes.delay(0);
        Fakes.clear();
        user = Api.newUser();
    }

    /** Every channel on, pointed at the fakes. */
    void notifyEverywhere(Map<String, Object> extra) {
        Map<String, Object> notifiers = new HashMap<>(Map.of("slack", true, "github", true, "since_days", 14,
                "slack_webhook_url", Fakes.url("/slack"), "github_token", "ghp_test", "github_api_url",
                Fakes.url("/github"), "webhook", Map.of("url", Fakes.url("/hook"), "secret", SECRET),
                "email", List.of("team@example.test")));
        notifiers.putAll(extra);
        user.json(Map.of("notifiers", notifiers)).post("/api/v0/user/config").then().statusCode(200);
    }

    /** Sixteen runs at 100 ms, then six at 150 ms, of a lower-is-better latency, ending {@code endsAgo} ago. */
    static List<Map<String, Object>> regression(Duration endsAgo, String commitPrefix) {
        long end = Instant.now().minus(endsAgo).getEpochSecond();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            double value = (i < 16 ? 100 : 150) + (i % 3) * 0.5;
            Map<String, Object> metric = Map.of("name", "latency", "unit", "ms", "value", value,
                    "direction", "lower_is_better");
            points.add(Map.of("timestamp", end - (21 - i) * 600L, "metrics", List.of(metric),
                    "attributes", Map.of("git_repo", REPO, "branch", "main", "git_commit", commitPrefix + i)));
        }
        return points;
    }

    @Test
    void aMainBranchRegressionIsAnnouncedOnceOnEveryChannel() throws Exception {
        notifyEverywhere(Map.of());
        user.json(regression(Duration.ofHours(1), "c")).post("/api/v0/result/widgets/main/latency").then()
                .statusCode(200).body("'widgets/main/latency'", hasSize(1));

        await().atMost(PATIENCE).until(() -> Fakes.slack().size() == 1 && Fakes.issues().size() == 1
                && Fakes.hooks().size() == 1 && Fakes.mails().size() == 1);

        assertThat((String) Fakes.slack().get(0).get("body")).contains("Performance regression")
                .contains("widgets/main/latency").contains("latency: +49.8% (100.5 → 150.5 ms), regression, p &lt; 0.000001").contains("https://tarkka.example/tests/widgets/main/latency");
        Map<String, Object> issue = Fakes.issues().get(0);
        assertThat(issue.get("repo")).isEqualTo("acme/widgets");
        assertThat((String) issue.get("title")).startsWith("Performance regression in widgets/main/latency at c16");

        Map<String, Object> hook = Fakes.hooks().get(0);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) hook.get("headers");
        String body = (String) hook.get("body");
        assertThat(headers.get("x-tarkka-signature-256")).isEqualTo(signature(SECRET, body));
        assertThat(headers.get("x-tarkka-event")).isEqualTo("change_point");
        assertThat(body).contains("\"test_name\":\"widgets/main/latency\"").contains("\"kind\":\"regression\"")
                .contains("\"git_commit\":\"c16\"").contains("\"delivery\":\"" + headers.get("x-tarkka-delivery") + "\"");
        Map<String, Object> mail = Fakes.mails().get(0);
        assertThat(mail.get("to")).isEqualTo(List.of("team@example.test"));
        assertThat((String) mail.get("subject")).contains("Performance regression in widgets/main/latency");

        user.as().get("/api/v0/notifications").then().statusCode(200).body("$", hasSize(4))
                .body("status", org.hamcrest.Matchers.everyItem(equalTo("delivered")));

        // the same change points again: nothing new is recorded or sent
        user.json(regression(Duration.ofHours(1), "c")).put("/api/v0/result/widgets/main/latency").then().statusCode(200);
        user.as().get("/api/v0/result/widgets/main/latency/changes?notify=1").then().statusCode(200);
        Thread.sleep(2_000); // ten polls of the outbox
        assertThat(Fakes.slack()).hasSize(1);
        assertThat(Fakes.issues()).hasSize(1);
        assertThat(Fakes.hooks()).hasSize(1);
        assertThat(Fakes.mails()).hasSize(1);
        user.as().get("/api/v0/notifications").then().body("$", hasSize(4));
    }

    @Test
    void changePointsOlderThanSinceDaysAreNeverSent() throws Exception {
        notifyEverywhere(Map.of("since_days", 14));
        user.json(regression(Duration.ofDays(30), "old")).post("/api/v0/result/old").then().statusCode(200)
                .body("old", hasSize(1));
        user.as().get("/api/v0/result/old/changes?notify=1").then().statusCode(200);
        Thread.sleep(2_000);
        user.as().get("/api/v0/notifications").then().statusCode(200).body("$", hasSize(0));
        assertThat(Fakes.slack()).isEmpty();
        assertThat(Fakes.hooks()).isEmpty();
    }

    @Test
    void improvementsAreLeftOutWhenOnlyRegressionsAreWanted() throws Exception {
        notifyEverywhere(Map.of("regressions_only", true));
        List<Map<String, Object>> points = regression(Duration.ofHours(1), "i");
        // the same step, but higher is better: an improvement
        points.replaceAll(p -> {
            Map<String, Object> copy = new LinkedHashMap<>(p);
            @SuppressWarnings("unchecked")
            Map<String, Object> metric = new LinkedHashMap<>(((List<Map<String, Object>>) p.get("metrics")).get(0));
            metric.put("direction", "higher_is_better");
            copy.put("metrics", List.of(metric));
            return copy;
        });
        user.json(points).post("/api/v0/result/better").then().statusCode(200).body("better", hasSize(1));
        Thread.sleep(2_000);
        user.as().get("/api/v0/notifications").then().body("$", hasSize(0));
        assertThat(Fakes.slack()).isEmpty();
    }

    @Test
    void aPullRequestGetsOneCommentUpdatedOnItsNextCommit() {
        notifyEverywhere(Map.of());
        List<Map<String, Object>> history = regression(Duration.ofHours(2), "m").subList(0, 16);
        user.json(history).post("/api/v0/result/widgets/pr-test").then().statusCode(200);
        long now = Instant.now().getEpochSecond();
        user.json(List.of(prPoint(now, "pr-a", 150))).put("/api/v0/pulls/acme/widgets/42/result/widgets/pr-test")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/acme/widgets/42/changes/pr-a?notify=1").then().statusCode(200)
                .body("$", hasSize(1));
        await().atMost(PATIENCE).until(() -> Fakes.comments().size() == 1);
        assertThat((String) Fakes.comments().get(0).get("body")).contains("pr-a").contains("Performance regression");

        user.json(List.of(prPoint(now + 60, "pr-b", 100))).put("/api/v0/pulls/acme/widgets/42/result/widgets/pr-test")
                .then().statusCode(200);
        user.as().get("/api/v0/pulls/acme/widgets/42/changes/pr-b?notify=1").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> Fakes.commentEdits() == 1);
        assertThat(Fakes.comments()).hasSize(1);
        assertThat((String) Fakes.comments().get(0).get("body")).contains("pr-b").contains("No change point");
        // a pull request's verdict opens no issue
        assertThat(Fakes.issues()).isEmpty();
    }

    static Map<String, Object> prPoint(long timestamp, String commit, double value) {
        return Map.of("timestamp", timestamp, "metrics", List.of(Map.of("name", "latency", "unit", "ms", "value", value,
                "direction", "lower_is_better")), "attributes", Map.of("git_repo", REPO, "branch", "feature",
                        "git_commit", commit));
    }

    @Test
    void failingTargetsGetTheNotificationOnceTheyRecover() throws Exception {
        notifyEverywhere(Map.of());
        Fakes.mode(FakeTargets.Mode.ERROR_500);
        user.json(regression(Duration.ofHours(1), "f")).post("/api/v0/result/flaky").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> user.as().get("/api/v0/notifications").jsonPath()
                .getList("last_error").stream().filter(e -> e != null).count() >= 3);
        Fakes.mode(FakeTargets.Mode.TOO_SLOW);
        Thread.sleep(3_000);
        Fakes.mode(FakeTargets.Mode.REFUSE);
        Thread.sleep(2_000);
        int failedSlack = Fakes.slack().size();
        Fakes.mode(FakeTargets.Mode.OK);
        await().atMost(PATIENCE).until(() -> user.as().get("/api/v0/notifications").jsonPath().getList("status")
                .stream().allMatch("delivered"::equals));
        assertThat(failedSlack).as("no message got through while the targets failed").isZero();
        assertThat(Fakes.slack()).hasSize(1);
        assertThat(Fakes.issues()).hasSize(1);
        assertThat(Fakes.hooks()).hasSize(1);
        assertThat(Fakes.mails()).hasSize(1);
        // the HTTP targets failed first (the fake mail server never does)
        user.as().get("/api/v0/notifications").then().body("findAll { it.channel != 'email' }.attempts",
                org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.greaterThan(1)));
    }

    /** Printed, not asserted: the medians of uploads with every target hanging, and without notifiers at all. */
    @Test
    void uploadsDoNotWaitForTheTargets() {
        Api quiet = Api.newUser();
        notifyEverywhere(Map.of());
        Fakes.mode(FakeTargets.Mode.TOO_SLOW);
        long[] notifying = new long[30];
        long[] silent = new long[30];
        for (int i = 0; i < 30; i++) {
            notifying[i] = timedUpload(user, "hanging-targets/" + i);
            silent[i] = timedUpload(quiet, "no-notifiers/" + i);
        }
        java.util.Arrays.sort(notifying);
        java.util.Arrays.sort(silent);
        org.jboss.logging.Logger.getLogger(NotificationsTest.class).infof(
                "Upload of a regressing 22-point test, median of 30: %.1f ms with every target hanging, %.1f ms without"
                        + " notifiers", notifying[15] / 1e6, silent[15] / 1e6);
        user.as().get("/api/v0/notifications").then().body("$", hasSize(100));
    }

    private static long timedUpload(Api who, String test) {
        long started = System.nanoTime();
        who.json(regression(Duration.ofHours(1), "t")).post("/api/v0/result/" + test).then().statusCode(200);
        return System.nanoTime() - started;
    }

    @Test
    void aTestMessageReportsEachChannel() {
        notifyEverywhere(Map.of());
        user.as().post("/api/v0/notifications/test").then().statusCode(200)
                .body("slack.ok", equalTo(true)).body("webhook.ok", equalTo(true))
                .body("github.ok", equalTo(true)).body("github.detail", equalTo("authenticated as tarkka-bot"))
                .body("email.ok", equalTo(true));
        Fakes.mode(FakeTargets.Mode.ERROR_500);
        user.as().post("/api/v0/notifications/test").then().statusCode(200)
                .body("slack.ok", equalTo(false)).body("slack.detail", equalTo("HTTP 500"));
    }

    static String signature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
