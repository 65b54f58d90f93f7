package dev.tarkka.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.interactions.Actions;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Stored cross-site scripting: a test, its metric, unit and attributes named to be markup, uploaded as CI could, are
 * shown as text on every page, create no element and run nothing (checked in the DOM, not left to the
 * Content-Security-Policy, which would block an injected script anyway).
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
class StoredXssBrowserIT extends BrowserTest {

    static final String TEST = "<img src=x onerror=alert(1)>";
    static final String NESTED = "evil/\"'><iframe src=javascript:alert(2)>/<script>alert(3)</script>";
    static final String METRIC = "<svg onload=alert(4)>";
    static final String UNIT = "\"><img src=x onerror=alert(5)>";
    static final String COMMIT = "<img src=x onerror=alert(6)>";
    static final String BRANCH = "<b onmouseover=alert(7)>main</b>";
    static final String REPO = "javascript:alert(8)//";

    static Api user;

    /** Once for the class (in the first test: the app's port is known from then on). */
    @BeforeEach
    void hostileUploads() {
        if (user != null) {
            return;
        }
        user = Api.newUser();
        for (String test : List.of(TEST, NESTED)) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                points.add(point(Steps.time(i), i < 10 ? 10.0 : 20.0, i == 10 ? COMMIT : Steps.commit(i), REPO));
            }
            user.json(points).urlEncodingEnabled(false).post("/api/v0/result/" + path(test)).then().statusCode(200);
        }
        // the pull request's repository must be the one its points name, for /pulls/o/r/5/... to find them
        user.json(List.of(point(Steps.time(30), 30.0, COMMIT, "https://github.com/o/r"))).urlEncodingEnabled(false)
                .put("/api/v0/pulls/o/r/5/result/" + path(TEST)).then().statusCode(200);
        browser.signIn(user.email(), user.password());
    }

    static Map<String, Object> point(long time, double value, String commit, String repo) {
        return Map.of("timestamp", time,
                "metrics", List.of(Map.of("name", METRIC, "unit", UNIT, "value", value)),
                "attributes", Map.of("git_repo", repo, "branch", BRANCH, "git_commit", commit));
    }

    /** A test name as a path of the API or the pages: each segment percent-encoded. */
    static String path(String name) {
        return Arrays.stream(name.split("/", -1))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    @Test
    void theTreeShowsTheNamesAsText() {
        browser.open("/");
        assertThat(browser.find("#tree").getText()).contains(TEST, "<script>alert(3)<", METRIC);
        assertHarmless("tree");
    }

    @Test
    void theTestPageShowsTheNamesAsText() {
        browser.open("/tests/" + path(TEST));
        assertThat(browser.find("h1").getText()).isEqualTo(TEST);
        assertThat(browser.driver.getTitle()).startsWith(TEST);
        assertThat(browser.find(".metric h2").getText()).isEqualTo(METRIC);
        assertThat(browser.find(".metric header").getText()).contains(UNIT);
        new Actions(browser.driver).moveToElement(browser.find(".marker")).perform();
        browser.until(() -> browser.find(".tip").isDisplayed());
        assertThat(browser.find(".tip").getText()).contains("commit " + COMMIT.substring(0, 12));
        assertThat(browser.find(".tip .commit").getAttribute("title")).isEqualTo(COMMIT);
        assertThat(browser.find(".changes .commit").getAttribute("title")).isEqualTo(COMMIT);
        browser.screenshot("xss-test-page");
        assertHarmless("test page");

        browser.open("/tests/" + path(NESTED));
        assertThat(browser.find("h1").getText()).isEqualTo(NESTED);
        assertHarmless("nested test page");
    }

    @Test
    void theCommitsAndPullRequestsShowThemAsText() {
        browser.open("/commits");
        assertThat(browser.find("#commits").getText()).contains(TEST, NESTED, METRIC);
        assertThat(browser.find("#commits .commit").getAttribute("title")).isEqualTo(COMMIT);
        assertHarmless("commits");

        browser.open("/pulls");
        assertThat(browser.find("#pulls").getText()).contains(TEST, BRANCH);
        assertThat(browser.find("#pulls .commit").getAttribute("title")).isEqualTo(COMMIT);
        browser.find("#pulls tbody a").click();
        browser.until(() -> browser.driver.getCurrentUrl().contains("test="));
        browser.waitUntilReady();
        assertThat(browser.find("#pull-title").getText()).contains(TEST);
        assertThat(browser.find("#charts h3").getText()).isEqualTo(METRIC);
        assertHarmless("pull request");
    }

    /** Nothing the uploads named became an element or a link anywhere but https or this site (scripts: BrowserTest). */
    private static void assertHarmless(String page) {
        assertThat(browser.js("return document.querySelectorAll('img, svg, iframe, b, script:not([src])').length"))
                .as("elements injected into the %s", page).isEqualTo(0L);
        assertThat(browser.js("return [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))"
                + ".filter((href) => !/^(https:\\/\\/|\\/)/.test(href))")).as("links on the %s", page)
                .asList().isEmpty();
    }
}
