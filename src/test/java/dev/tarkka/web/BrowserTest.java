package dev.tarkka.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import dev.tarkka.support.Api;

/**
 * A class of browser tests: one headless Chromium for the class, and after every test the check that its page ran
 * nothing the Content-Security-Policy blocked and raised no alert.
 */
abstract class BrowserTest {

    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void nothingWasBlockedOrInjected() {
        assertThat(browser.violations()).as("Content-Security-Policy violations").isEmpty();
        assertThat(browser.alerts()).as("alerts").isEmpty();
    }

    /** A new user (with no tests), signed in in the browser. */
    static Api signedInUser() {
        Api user = Api.newUser();
        browser.driver.manage().deleteAllCookies();
        browser.signIn(user.email(), user.password());
        return user;
    }
}
