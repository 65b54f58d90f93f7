package dev.tarkka.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The dashboard as a person uses it, in headless Chromium against the packaged app: register, sign in, the tree, a
 * test with a known step and exactly its change point on the chart, hovering it, API tokens, the p-value setting
 * moving the markers, signing out. Each test leaves a screenshot in target/screenshots.
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
class DashboardBrowserIT extends BrowserTest {

    /** A clean step from 10 to 15 ms at run 30 of 60. */
    static final IntToDoubleFunction STEP = i -> Steps.value(i, 10, 15, 30, 0.1);
    /** A step of 15 % at run 30 in loud noise: its p-value is 0.0022, above the default 0.001, below 0.05. */
    static final IntToDoubleFunction FAINT_STEP = i -> Steps.value(i, 10, 11.5, 30, 3);
    static final IntToDoubleFunction FLAT = i -> Steps.value(i, 200, 200, 60, 1);

    @BeforeEach
    void signedOut() {
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void registerSignInSeeTheTreeAndSignOut() {
        String email = "person-" + UUID.randomUUID() + "@example.com";
        browser.open("/");
        assertThat(browser.driver.getCurrentUrl()).as("signed out: the sign-in page").startsWith(browser.base() + "/login");
        browser.find("#register-email").sendKeys(email);
        browser.find("#register-password").sendKeys("a secret");
        browser.find("#register button[type=submit]").click();
        browser.until(() -> browser.driver.getCurrentUrl().equals(browser.base() + "/"));
        browser.waitUntilReady();
        assertThat(browser.find("#who").getText()).isEqualTo(email);
        assertThat(testsInTree()).as("every account starts with the example test").containsExactly("default_benchmark");

        Api user = new Api(email, "a secret", Api.login(email, "a secret"));
        Steps.upload(user, "acme/shop/main/checkout", 0, 60, Steps.metrics("latency", STEP, "throughput", FLAT));
        Steps.upload(user, "acme/shop/main/search", 0, 60, Steps.metrics("latency", FLAT));
        Steps.upload(user, "acme/shop/dev/checkout", 0, 60, Steps.metrics("latency", FLAT));
        browser.open("/");
        assertThat(testsInTree()).containsExactly("acme/shop/dev/checkout", "acme/shop/main/checkout",
                "acme/shop/main/search", "default_benchmark");
        WebElement checkout = browser.find("tr[data-test='acme/shop/main/checkout']");
        assertThat(checkout.getAttribute("class")).as("its newest change is a regression").contains("regressed");
        assertThat(checkout.findElement(org.openqa.selenium.By.cssSelector(".latest")).getText())
                .contains("latency").contains("ms").contains("throughput");
        assertThat(checkout.findElement(org.openqa.selenium.By.cssSelector(".newest-change")).getText())
                .startsWith("+50 % latency · ");
        assertThat(browser.find("tr[data-key='acme/shop'] .newest-change").getText())
                .as("a prefix: the newest change under it").startsWith("+50 % latency in acme/shop/main/checkout · ");
        browser.screenshot("tree");
        browser.find("#filter").sendKeys("main/");
        assertThat(testsInTree()).containsExactly("acme/shop/main/checkout", "acme/shop/main/search");
        browser.find("#filter").clear();
        browser.find("#filter").sendKeys("checkout");
        assertThat(testsInTree()).containsExactly("acme/shop/dev/checkout", "acme/shop/main/checkout");
        browser.find("button.fold[aria-label='Fold acme/shop/main']").click();
        assertThat(testsInTree()).as("a filter shows folded prefixes' tests")
                .containsExactly("acme/shop/dev/checkout", "acme/shop/main/checkout");
        browser.find("#filter").clear();
        browser.find("#filter").sendKeys(" ");
        assertThat(testsInTree()).containsExactly("acme/shop/dev/checkout", "default_benchmark");

        browser.find("#sign-out").click();
        browser.until(() -> browser.driver.getCurrentUrl().startsWith(browser.base() + "/login"));
        browser.open("/settings");
        assertThat(browser.driver.getCurrentUrl()).as("signed out for good").startsWith(browser.base() + "/login?next=");
        browser.screenshot("signed-out");
    }

    @Test
    void aTestsPageMarksExactlyItsChangePoints() {
        Api user = signedInUser();
        Steps.upload(user, "acme/shop/main/checkout", 0, 60, Steps.metrics("latency", STEP, "throughput", FLAT));
        browser.open("/tests/acme/shop/main/checkout");

        assertThat(browser.find("h1").getText()).isEqualTo("acme/shop/main/checkout");
        assertThat(markerTimes("latency")).as("the step, and nothing else").containsExactly(Steps.time(30));
        assertThat(markerTimes("throughput")).isEmpty();
        List<Object> reported = user.as().get("/api/v0/result/acme/shop/main/checkout/changes").then().statusCode(200)
                .extract().jsonPath().getList("'acme/shop/main/checkout'.time");
        assertThat(reported).as("the API's report agrees").containsExactly((int) Steps.time(30));

        WebElement marker = browser.find("[data-metric='latency'] .marker");
        new Actions(browser.driver).moveToElement(marker).perform();
        WebElement tip = browser.find("[data-metric='latency'] .tip");
        browser.until(tip::isDisplayed);
        assertThat(tip.getText()).contains("+50 % regression", "commit " + Steps.commit(30), utc(Steps.time(30)),
                "mean 9.998 ms → 14.998 ms", "p-value");
        assertThat(tip.findElement(org.openqa.selenium.By.tagName("a")).getAttribute("href"))
                .isEqualTo(Steps.REPO + "/commit/" + Steps.commit(30));
        browser.screenshot("test-page");

        browser.find("[data-metric='latency'] button[title='Zoom in']").click();
        browser.find("[data-metric='latency'] button[title='Zoom in']").click();
        for (int i = 0; i < 4; i++) {
            browser.find("[data-metric='latency'] button[title='Pan to older runs']").click();
        }
        assertThat(shownMarkerTimes("latency")).as("panned away from the step").isEmpty();
        browser.find("[data-metric='throughput'] button[title='Show every run']").click();
        assertThat(shownMarkerTimes("latency")).as("the charts zoom together").containsExactly(Steps.time(30));

        browser.find("[data-metric='latency'] .detection-toggle").click();
        browser.until(() -> browser.find("[data-metric='latency']").getAttribute("class").contains("disabled"));
        assertThat(markerTimes("latency")).isEmpty();
        assertThat(browser.find("[data-metric='latency'] .status").getText()).isEqualTo("change detection disabled");
        browser.find("[data-metric='latency'] .detection-toggle").click();
        browser.until(() -> !browser.find("[data-metric='latency']").getAttribute("class").contains("disabled"));
        assertThat(markerTimes("latency")).containsExactly(Steps.time(30));
    }

    @Test
    void apiTokensAreShownOnceAndCanBeRevoked() {
        signedInUser();
        browser.open("/settings");
        assertThat(browser.find("#no-tokens").isDisplayed()).isTrue();
        browser.find("#new-token").click();
        browser.until(() -> browser.find("#token-shown").isDisplayed());
        String token = browser.find("#token-value").getAttribute("value");
        given().header("Authorization", "Bearer " + token).get("/api/v0/users/me").then().statusCode(200);
        browser.until(() -> browser.findAll("#token-list tbody tr").size() == 1);
        browser.find("#copy-token").click();
        browser.until(() -> browser.find("#copied").getText().equals("Copied."));
        browser.screenshot("settings-token");

        browser.find("#token-list .revoke").click();
        browser.until(() -> browser.findAll("#token-list tbody tr").isEmpty());
        given().header("Authorization", "Bearer " + token).get("/api/v0/users/me").then().statusCode(401);
        browser.open("/settings");
        assertThat(browser.find("#token-shown").isDisplayed()).as("shown once only").isFalse();
    }

    @Test
    void thePvalueSettingMovesTheMarkers() {
        Api user = signedInUser();
        Steps.upload(user, "acme/faint", 0, 60, Steps.metrics("latency", FAINT_STEP));
        browser.open("/tests/acme/faint");
        assertThat(markerTimes("latency")).as("p 0.0022 is not below the default 0.001").isEmpty();

        browser.open("/settings");
        setField("#max_pvalue", "2");
        browser.find("#detection button[type=submit]").click();
        WebElement error = browser.find("[data-for='core.max_pvalue']");
        browser.until(() -> !error.getText().isEmpty());
        assertThat(error.getText()).isEqualTo("max_pvalue must be less than or equal to 1.0");
        browser.screenshot("settings-validation");
        setField("#max_pvalue", "0.05");
        browser.find("#detection button[type=submit]").click();
        browser.until(() -> browser.find("#detection [data-saved]").getText().equals("Saved."));
        assertThat(error.getText()).isEmpty();

        browser.open("/tests/acme/faint");
        assertThat(markerTimes("latency")).containsExactly(Steps.time(30));
        assertThat(browser.find("#options").getText()).contains("p-value at most 0.05");
        browser.screenshot("test-page-p005");
    }

    @Test
    void commitsNewestFirstAndAPullRequestAgainstItsHistory() {
        Api user = signedInUser();
        Steps.upload(user, "acme/a", 0, 60, Steps.metrics("latency", STEP));
        Steps.upload(user, "acme/b", 0, 60, Steps.metrics("latency", (IntToDoubleFunction) i -> Steps.value(i, 5, 4, 45, 0.05)));
        Steps.upload(user, "other/c", 0, 60, Steps.metrics("latency", (IntToDoubleFunction) i -> Steps.value(i, 5, 9, 10, 0.05)));
        browser.open("/commits");
        assertThat(browser.findAll("#commits tbody tr").stream().map(row -> row.getText()).toList())
                .as("newest first").satisfiesExactly(
                        row -> assertThat(row).contains(utc(Steps.time(45)), "acme/b", "-20 %"),
                        row -> assertThat(row).contains(utc(Steps.time(30)), "acme/a", "+50 %"),
                        row -> assertThat(row).contains(utc(Steps.time(10)), "other/c", "+80 %"));
        assertThat(browser.find("#commits tbody tr .change").getAttribute("class")).contains("improvement");
        browser.open("/commits?prefix=acme");
        assertThat(browser.findAll("#commits tbody tr")).hasSize(2);
        browser.screenshot("commits");

        // a pull request whose run is 30 % slower than the history it is compared with
        user.json(List.of(java.util.Map.of("timestamp", Steps.time(60), "metrics", List.of(java.util.Map.of("name",
                "latency", "unit", "ms", "value", 19.5, "direction", "lower_is_better")), "attributes", java.util.Map.of(
                "git_repo", Steps.REPO, "branch", "feature", "git_commit", "feed00000001"))))
                .post("/api/v0/pulls/tarkka/bench/7/result/acme/a").then().statusCode(200);
        browser.open("/pulls");
        assertThat(browser.find("#pulls tbody tr").getText()).contains("#7", "tarkka/bench", "feature", "acme/a");
        browser.find("#pulls tbody a.value").click();
        browser.until(() -> browser.driver.getCurrentUrl().contains("test="));
        browser.waitUntilReady();
        assertThat(browser.find("#pull-title").getText()).isEqualTo("#7 of tarkka/bench: acme/a");
        assertThat(browser.find("#verdict").getText()).isEqualTo("Change at the pull request's commit: latency +30 %");
        assertThat(browser.js("return document.querySelector('#charts .u-over') !== null")).isEqualTo(true);
        browser.screenshot("pull-request");
    }

    @Test
    void notifierSecretsStayMaskedAndKeptUntilEmptied() {
        Api user = signedInUser();
        browser.open("/settings");
        setField("#slack_webhook_url", "https://198.51.100.7/services/T0/B0/secret");
        setField("#since_days", "-1");
        browser.find("#notifiers button[type=submit]").click();
        WebElement days = browser.find("[data-for='notifiers.since_days']");
        browser.until(() -> !days.getText().isEmpty());
        assertThat(days.getText()).isEqualTo("since_days must not be negative");

        setField("#since_days", "7");
        setField("#email", "ops@example.com\nnot an address");
        browser.find("#notifiers button[type=submit]").click();
        WebElement email = browser.find("[data-for='notifiers.email']");
        browser.until(() -> !email.getText().isEmpty());

        setField("#email", "ops@example.com");
        browser.find("#notifiers button[type=submit]").click();
        browser.until(() -> browser.find("#notifiers [data-saved]").getText().equals("Saved."));
        assertThat(browser.find("#slack_webhook_url").getAttribute("value")).isEqualTo("https://198.51.100.7/********");
        browser.find("[name='notifiers.slack']").click();
        browser.find("#notifiers button[type=submit]").click();
        browser.until(() -> browser.find("#notifiers [data-saved]").getText().equals("Saved."));
        user.as().get("/api/v0/user/config").then().statusCode(200)
                .body("notifiers.slack", org.hamcrest.Matchers.equalTo(true))
                .body("notifiers.since_days", org.hamcrest.Matchers.equalTo(7))
                .body("notifiers.slack_webhook_url", org.hamcrest.Matchers.equalTo("https://198.51.100.7/********"))
                .body("notifiers.email", org.hamcrest.Matchers.contains("ops@example.com"));

        setField("#slack_webhook_url", "");
        browser.find("#notifiers button[type=submit]").click();
        browser.until(() -> browser.find("#slack_webhook_url").getAttribute("value").isEmpty()
                && browser.find("#notifiers [data-saved]").getText().equals("Saved."));
        user.as().get("/api/v0/user/config").then().statusCode(200)
                .body("notifiers", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("slack_webhook_url")))
                .body("notifiers.email", org.hamcrest.Matchers.contains("ops@example.com"));
        browser.screenshot("settings-notifiers");
    }

    /** Unix seconds as the pages show them. */
    static String utc(long seconds) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(seconds));
    }

    private static void setField(String css, String value) {
        WebElement field = browser.find(css);
        field.clear();
        field.sendKeys(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> testsInTree() {
        return (List<String>) browser.js("return [...document.querySelectorAll('#tree tr[data-test]')]"
                + ".filter((row) => !row.hidden).map((row) => row.dataset.test)");
    }

    /** The times of the change points marked on a metric's chart. */
    private static List<Long> markerTimes(String metric) {
        return browser.findAll("[data-metric='" + metric + "'] .marker").stream()
                .map(marker -> Long.parseLong(marker.getAttribute("data-time"))).toList();
    }

    /** The same, of the markers within the zoomed range. */
    private static List<Long> shownMarkerTimes(String metric) {
        return browser.findAll("[data-metric='" + metric + "'] .marker").stream().filter(WebElement::isDisplayed)
                .map(marker -> Long.parseLong(marker.getAttribute("data-time"))).toList();
    }
}
