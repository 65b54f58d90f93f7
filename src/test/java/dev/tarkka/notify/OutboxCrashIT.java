package dev.tarkka.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tarkka.support.FakeTargets;
import dev.tarkka.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The outbox against real processes: the packaged jar killed (SIGKILL) in the middle of deliveries and started
 * again on the same store delivers every recorded notification, GitHub issues and webhooks exactly once (issues
 * are found again by their marker; a webhook receiver tells repeats by X-Tarkka-Delivery). A send is repeated
 * only if the outbox had not yet recorded it as delivered when the process died, and only once. Two instances on
 * one store deliver every notification exactly once between them. Plain JUnit: the test owns the processes.
 */
class OutboxCrashIT {

    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final String REPO = "https://github.com/acme/widgets";

    @TempDir
    Path dir;

    FakeTargets fakes;
    PackagedApp first;
    PackagedApp second;

    @BeforeEach
    void startFakes() {
        fakes = new FakeTargets();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (PackagedApp app : new PackagedApp[] { second, first }) {
            if (app != null && app.isAlive()) {
                app.kill();
            }
        }
        fakes.close();
    }

    Map<String, String> notifying(Map<String, String> store) {
        Map<String, String> env = new HashMap<>(store);
        env.put("TARKKA_NOTIFY_ALLOW_PRIVATE_TARGETS", "true");
        env.put("TARKKA_NOTIFY_POLL_INTERVAL", "200ms");
        // a send that merely took long on a busy machine must not be given up and repeated: the fakes answer in
        // 0.4 s at most, a twelfth of the timeout. The lease is what the restarted process waits out for the sends
        // the killed one had claimed; three times the timeout, as the README advises.
        env.put("TARKKA_NOTIFY_LEASE", "15S");
        env.put("TARKKA_NOTIFY_SEND_TIMEOUT", "5S");
        env.put("TARKKA_NOTIFY_RETRY_DELAY", "300ms");
        env.put("TARKKA_NOTIFY_MAX_RETRY_DELAY", "1S");
        env.put("TARKKA_NOTIFY_MAX_ATTEMPTS", "100");
        return env;
    }

    static RequestSpecification as(PackagedApp app, String token) {
        return given().baseUri(app.baseUri()).header("Authorization", "Bearer " + token);
    }

    String signUp(PackagedApp app) {
        String token = app.signUp("outbox@example.com");
        as(app, token).contentType(ContentType.JSON).body(Map.of("notifiers", Map.of("slack", true, "github", true,
                "since_days", 14, "slack_webhook_url", fakes.url("/slack"), "github_token", "ghp_test",
                "github_api_url", fakes.url("/github"), "webhook", Map.of("url", fakes.url("/hook")))))
                .post("/api/v0/user/config").then().statusCode(200);
        return token;
    }

    /** One regressing test per call: its notification goes to Slack, GitHub and the webhook. */
    static void uploadRegression(PackagedApp app, String token, String test) {
        as(app, token).contentType(ContentType.JSON).body(NotificationsTest.regression(Duration.ofHours(1), test + "-"))
                .post("/api/v0/result/" + test).then().statusCode(200);
    }

    static List<Map<String, Object>> notifications(PackagedApp app, String token) {
        return as(app, token).get("/api/v0/notifications").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aCrashInTheMiddleOfDeliveriesSendsNothingAcknowledgedTwice() throws Exception {
        first = PackagedApp.of("outbox-crash", dir.resolve("keys"),
                notifying(PackagedApp.embeddedStore(dir.resolve("store.mv"), 0))).start("before-kill");
        String token = signUp(first);
        fakes.delay(400); // every target takes a while: deliveries are in flight when the process dies
        int tests = 12;
        for (int i = 0; i < tests; i++) {
            uploadRegression(first, token, "crash-" + i);
        }
        await().atMost(PATIENCE).until(() -> fakes.slack.size() + fakes.hooks.size() + fakes.issues.size() >= 6);
        // what the outbox had recorded as delivered before it died must never be sent again
        Set<String> deliveredBeforeKill = notifications(first, token).stream()
                .filter(n -> "delivered".equals(n.get("status")))
                .map(n -> n.get("channel") + " " + testOf((String) n.get("subject"))).collect(Collectors.toSet());
        first.kill();
        int receivedAtKill = fakes.slack.size() + fakes.hooks.size() + fakes.issues.size();
        long restarted = System.nanoTime();
        first.start("after-kill");

        await().atMost(PATIENCE).until(() -> notifications(first, token).stream()
                .allMatch(n -> "delivered".equals(n.get("status"))));
        assertThat(notifications(first, token)).hasSize(3 * tests);
        System.out.printf("Outbox crash: %d of %d sends had reached the fakes at the kill; after the restart: "
                + "%d Slack messages, %d webhook calls, %d issues%n", receivedAtKill, 3 * tests, fakes.slack.size(),
                fakes.hooks.size(), fakes.issues.size());

        assertThat(fakes.issues).as("one issue per regressing test").hasSize(tests);
        assertThat(fakes.issues.stream().map(FakeTargets.GitHubItem::title).distinct()).hasSize(tests);
        Map<String, List<FakeTargets.Received>> hooks = fakes.hooks.stream()
                .collect(Collectors.groupingBy(r -> r.headers().get("x-tarkka-delivery")));
        assertThat(hooks).as("one webhook delivery id per notification").hasSize(tests);
        repeatsOnlyOfUndelivered("webhook", hooks, deliveredBeforeKill, restarted);
        Map<String, List<FakeTargets.Received>> messages = fakes.slack.stream()
                .collect(Collectors.groupingBy(FakeTargets.Received::body));
        assertThat(messages).as("one Slack message per notification").hasSize(tests);
        repeatsOnlyOfUndelivered("slack", messages, deliveredBeforeKill, restarted);
        // the uploads acknowledged before the kill are all there
        for (int i = 0; i < tests; i++) {
            as(first, token).get("/api/v0/result/crash-" + i).then().statusCode(200);
        }
    }

    /**
     * A notification sent more than once: only if the outbox had not recorded its delivery when the process died,
     * and then once more at most (the restarted process sends it once).
     */
    private static void repeatsOnlyOfUndelivered(String channel, Map<String, List<FakeTargets.Received>> sends,
            Set<String> deliveredBeforeKill, long restarted) {
        sends.forEach((key, copies) -> {
            String test = testOf(copies.get(0).body());
            if (deliveredBeforeKill.contains(channel + " " + test)) {
                assertThat(copies).as("%s for %s was delivered before the kill", channel, test).hasSize(1);
            }
            assertThat(copies.stream().filter(c -> c.at() > restarted))
                    .as("%s for %s sent after the restart", channel, test).hasSizeLessThanOrEqualTo(1);
        });
    }

    /** The test a subject or message is about: tests here are named crash-N, their commits crash-N-M. */
    private static String testOf(String text) {
        Matcher test = TEST.matcher(text);
        assertThat(test.find()).as("a test name in %s", text).isTrue();
        return test.group();
    }

    private static final Pattern TEST = Pattern.compile("crash-\\d+(?![-\\d])");

    @Test
    void twoInstancesOnOneStoreDeliverEachNotificationOnce() throws Exception {
        int storePort = PackagedApp.freePort();
        first = PackagedApp.of("outbox-replica-a", dir.resolve("keys"),
                notifying(PackagedApp.embeddedStore(dir.resolve("store.mv"), storePort))).start("a");
        second = PackagedApp.of("outbox-replica-b", dir.resolve("keys"),
                notifying(Map.of("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + storePort))).start("b");
        String token = signUp(first);
        fakes.delay(100);
        int tests = 10;
        for (int i = 0; i < tests; i++) {
            uploadRegression(i % 2 == 0 ? first : second, token, "replicas-" + i);
        }
        await().atMost(PATIENCE).until(() -> notifications(second, token).stream()
                .allMatch(n -> "delivered".equals(n.get("status"))) && fakes.slack.size() >= tests);
        Thread.sleep(2_000); // a duplicate would arrive within a few polls
        assertThat(notifications(first, token)).hasSize(3 * tests);
        assertThat(fakes.slack).hasSize(tests);
        assertThat(fakes.hooks).hasSize(tests);
        assertThat(fakes.issues).hasSize(tests);
        assertThat(fakes.slack.stream().collect(Collectors.groupingBy(FakeTargets.Received::body, Collectors.counting())))
                .allSatisfy((body, count) -> assertThat(count).isOne());
    }
}
