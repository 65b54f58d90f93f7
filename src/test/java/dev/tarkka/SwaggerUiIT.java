package dev.tarkka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Swagger UI of the packaged app in headless Chromium, used as a person would: open {@code /docs}, authorize with a
 * bearer token, "Try it out" on the upload, execute, and see 200; the points are then stored. Driven through
 * chromedriver's WebDriver protocol (no client library), with a screenshot in {@code target/}. Skipped where
 * Debian's {@code chromium} and {@code chromium-driver} are not installed.
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
class SwaggerUiIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "swagger-ui-try-it-out.png");
    static final String TEST_NAME = "swagger-ui-bench";

    @Test
    void anUploadTriedOutInSwaggerUiIsStored() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Swagger UI is checked in a browser where /usr/bin/chromium and /usr/bin/chromedriver are installed"
                        + " (apt-get install chromium chromium-driver)");
        Api user = Api.newUser();
        String docs = RestAssured.baseURI + ":" + RestAssured.port + "/docs";
        try (WebDriver browser = WebDriver.start()) {
            browser.open(docs);
            browser.click("//button[contains(@class,'authorize')]");
            browser.type("//div[contains(@class,'auth-container')][.//h4[contains(.,'bearer')]]//input", user.token());
            browser.click("//div[contains(@class,'auth-container')][.//h4[contains(.,'bearer')]]//button[contains(@class,'authorize')]");
            browser.click("//button[contains(@class,'btn-done')]");

            String upload = "//div[contains(@class,'opblock-post')][.//span[@data-path='/api/v0/result/{name}']]";
            browser.click(upload + "//button[contains(@class,'opblock-summary-control')]");
            browser.click(upload + "//button[contains(@class,'try-out__btn')]");
            browser.type(upload + "//tr[@data-param-name='name']//input", TEST_NAME);
            browser.click(upload + "//button[contains(@class,'execute')]");
            String answer = upload + "//table[contains(@class,'live-responses-table')]/tbody/tr";
            String status = browser.text(answer + "/td[contains(@class,'response-col_status')]");
            browser.show(answer);
            Files.write(SCREENSHOT, browser.screenshot());
            assertThat(status).as("the answer Swagger UI shows (screenshot: %s)", SCREENSHOT).startsWith("200");
        }
        user.as().get("/api/v0/result/" + TEST_NAME).then().statusCode(200).body("size()", Matchers.equalTo(1));
    }

    /** Just enough of the W3C WebDriver protocol, spoken to chromedriver over HTTP. */
    static final class WebDriver implements AutoCloseable {

        static final ObjectMapper JSON = new ObjectMapper();
        static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
        final HttpClient http = HttpClient.newHttpClient();
        final Process driver;
        final String base;
        final String session;

        private WebDriver(Process driver, String base) throws Exception {
            this.driver = driver;
            this.base = base;
            awaitDriver();
            this.session = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome", "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(),
                            "args", List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1800"))))))
                    .path("sessionId").asText();
            call("POST", "/session/" + session + "/timeouts", Map.of("implicit", 20_000, "pageLoad", 60_000));
        }

        static WebDriver start() throws Exception {
            int port = PackagedApp.freePort();
            Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "chromedriver.log").toFile()).start();
            try {
                return new WebDriver(driver, "http://127.0.0.1:" + port);
            } catch (Exception | AssertionError e) {
                driver.destroy();
                throw e;
            }
        }

        void open(String url) throws Exception {
            call("POST", "/session/" + session + "/url", Map.of("url", url));
        }

        void click(String xpath) throws Exception {
            call("POST", "/session/" + session + "/element/" + find(xpath) + "/click", Map.of());
        }

        void type(String xpath, String text) throws Exception {
            String element = find(xpath);
            call("POST", "/session/" + session + "/element/" + element + "/clear", Map.of());
            call("POST", "/session/" + session + "/element/" + element + "/value", Map.of("text", text));
        }

        String text(String xpath) throws Exception {
            return call("GET", "/session/" + session + "/element/" + find(xpath) + "/text", null).asText().trim();
        }

        /** Scrolls the element into the middle of the window, for the screenshot. */
        void show(String xpath) throws Exception {
            call("POST", "/session/" + session + "/execute/sync", Map.of("script", "arguments[0].scrollIntoView({block: 'center'})",
                    "args", List.of(Map.of(ELEMENT, find(xpath)))));
        }

        byte[] screenshot() throws Exception {
            return Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).asText());
        }

        private String find(String xpath) throws Exception {
            return call("POST", "/session/" + session + "/element", Map.of("using", "xpath", "value", xpath)).path(ELEMENT).asText();
        }

        /** The command's value; an error of the driver fails the test with its message. */
        private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
            request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .header("Content-Type", "application/json");
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(answer.body());
            assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(200);
            return json.path("value");
        }

        private void awaitDriver() throws InterruptedException {
            for (int i = 0; i < 100; i++) {
                try {
                    if (JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).path("value").path("ready").asBoolean()) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new AssertionError("chromedriver did not start (target/chromedriver.log)");
        }

        @Override
        public void close() throws Exception {
            try {
                call("DELETE", "/session/" + session, null);
            } finally {
                driver.destroy();
            }
        }
    }
}
