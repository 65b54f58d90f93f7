package dev.tarkka.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.RestAssured;

/**
 * Debian's headless Chromium, driven through its chromedriver, on the packaged app: a fresh profile each time, and a
 * watch installed in every page before its own scripts run, which records Content-Security-Policy violations, long
 * tasks (the main thread busy for more than 50 ms) and {@code alert} calls (an injected script's usual proof).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WATCH = """
            window.__watch = { violations: [], longTasks: [], alerts: [] };
            document.addEventListener('securitypolicyviolation',
                (e) => window.__watch.violations.push(e.violatedDirective + ' ' + e.blockedURI));
            new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__watch.longTasks.push(e.duration)))
                .observe({ type: 'longtask', buffered: true });
            window.alert = (message) => window.__watch.alerts.push(String(message));
            """;

    final ChromeDriver driver;
    private final Path profile;

    Browser() {
        try {
            this.profile = Files.createTempDirectory("tarkka-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
    }

    /** Where the packaged app listens (known once the test framework has started it). */
    String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Opens a page of the app and waits until it says it is ready. */
    Browser open(String path) {
        driver.get(base() + path);
        return waitUntilReady();
    }

    /** Waits for the current page's data-state="ready" (set when its data is drawn and it is usable). */
    Browser waitUntilReady() {
        until(() -> "ready".equals(js("return document.body && document.body.dataset.state")));
        return this;
    }

    /**
     * Waits for the condition; an element the page redraws meanwhile (stale) just means "not yet", as an element
     * not found does.
     */
    void until(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.get());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Milliseconds from the start of the navigation to the page's "tarkka:ready" mark. */
    double readyAfterMillis() {
        return ((Number) js("return performance.getEntriesByName('tarkka:ready')[0].startTime")).doubleValue();
    }

    /** The longest task the page's main thread ran, in milliseconds (0 when none took over 50 ms). */
    double longestTaskMillis() {
        return ((Number) js("return Math.max(0, ...window.__watch.longTasks)")).doubleValue();
    }

    /** The Content-Security-Policy violations of the current page. */
    @SuppressWarnings("unchecked")
    List<String> violations() {
        return (List<String>) js("return window.__watch ? window.__watch.violations : []");
    }

    /** What the current page passed to {@code alert}. */
    @SuppressWarnings("unchecked")
    List<String> alerts() {
        return (List<String>) js("return window.__watch ? window.__watch.alerts : []");
    }

    /** Saves what the browser shows as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in through the sign-in page and waits for the test tree. */
    Browser signIn(String email, String password) {
        open("/login");
        find("#sign-in-email").sendKeys(email);
        find("#sign-in-password").sendKeys(password);
        find("#sign-in button[type=submit]").click();
        until(() -> driver.getCurrentUrl().equals(base() + "/"));
        return waitUntilReady();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
