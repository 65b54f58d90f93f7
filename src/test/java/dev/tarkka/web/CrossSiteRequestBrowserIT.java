package dev.tarkka.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Cross-site request forgery: a page of another origin, visited by a signed-in user, posts a form and sends a
 * no-cors fetch to Tarkka. The browser attaches the login cookie (the page is on the same host, another port: the
 * same site, so SameSite=Lax does not stop it); Tarkka refuses both and nothing changes.
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
class CrossSiteRequestBrowserIT extends BrowserTest {

    static HttpServer attacker;

    @BeforeAll
    static void startAttacker() {
        try {
            attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        attacker.start();
    }

    @AfterAll
    static void stopAttacker() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    /** Serves {@code html} at {@code path} of the attacker's site. */
    static String attackerPage(String path, String html) {
        attacker.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return "http://localhost:" + attacker.getAddress().getPort() + path;
    }

    @Test
    void aFormPostAndAFetchFromAnotherOriginDoNoHarm() {
        Api user = signedInUser();
        user.json(List.of(Api.point(1, "m", 1.0))).post("/api/v0/result/t").then().statusCode(200);
        user.json(List.of("m")).post("/api/v0/result/t/changes/disable").then().statusCode(200);
        String tarkka = browser.base();

        // a no-cors fetch with an empty body would re-enable every metric of t; the form would make an API token
        browser.driver.get(attackerPage("/prize", """
                <!DOCTYPE html><title>You won!</title>
                <form id="f" method="POST" action="%1$s/api/v0/auth/token"></form>
                <script>
                  fetch('%1$s/api/v0/result/t/changes/enable', { method: 'POST', mode: 'no-cors', credentials: 'include' })
                    .finally(() => document.getElementById('f').submit());
                </script>
                """.formatted(tarkka)));
        browser.until(() -> browser.driver.getCurrentUrl().equals(tarkka + "/api/v0/auth/token"));
        browser.until(() -> browser.driver.getPageSource().contains("detail"));
        // "CSRF blocked", not "Unauthorized": the cookie did reach Tarkka
        assertThat(browser.find("body").getText()).isEqualTo("{\"detail\":\"CSRF blocked\"}");
        browser.screenshot("csrf-blocked");

        assertThat(user.as().get("/api/v0/auth/tokens").then().statusCode(200).extract().jsonPath().getList("$"))
                .as("API tokens made").isEmpty();
        assertThat(user.as().get("/api/v0/dashboard/series/t").then().statusCode(200).extract().jsonPath()
                .getBoolean("metrics[0].disabled")).as("m is still disabled").isTrue();
        browser.open("/");
        assertThat(browser.find("#who").getText()).as("still signed in").isEqualTo(user.email());
    }
}
