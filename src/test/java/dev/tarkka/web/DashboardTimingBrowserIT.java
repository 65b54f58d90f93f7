package dev.tarkka.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * How fast the dashboard is with long histories and many tests, measured in headless Chromium from the navigation's
 * start to the page's "tarkka:ready" mark (its data fetched, drawn, and usable), with when its data had arrived.
 * Printed, never asserted: a busy machine is slower, and that must not fail a build. The README's figures come from
 * here. The app runs with a store of its own ({@link OwnStore}), and each test deletes its data afterwards: the
 * embedded store has no secondary indexes, so other tests' data would slow every query down.
 */
@QuarkusIntegrationTest
@TestProfile(DashboardTimingBrowserIT.OwnStore.class)
@WithTestResource(MongoTestResource.class)
class DashboardTimingBrowserIT extends BrowserTest {

    /** A profile of its own: the packaged app is started again for this class, with a new store. */
    public static class OwnStore implements QuarkusTestProfile {
    }

    /** The first run meets a cold JIT compiler in the app and the browser: it is printed, but the later ones count. */
    static final int RUNS = 5;
    Api user;

    @AfterEach
    void deleteTheData() {
        user.as().delete("/api/v0/results").then().statusCode(200);
    }

    @Test
    void sixMetricsOfTenThousandPoints() {
        user = signedInUser();
        Map<String, IntToDoubleFunction> metrics = new java.util.LinkedHashMap<>();
        for (int m = 0; m < 6; m++) {
            int step = 2_000 + m * 1_000;
            metrics.put("metric" + m, i -> Steps.value(i, 100, 130, step, 2));
        }
        for (int from = 0; from < 10_000; from += 5_000) {
            Steps.upload(user, "perf/six", from, from + 5_000, metrics);
        }
        measure("test page, 6 metrics x 10,000 points", "/tests/perf/six", "/api/v0/dashboard/series/");
        print("bytes of /dashboard/series vs /result", "%d vs %d",
                user.as().get("/api/v0/dashboard/series/perf/six").asByteArray().length,
                user.as().get("/api/v0/result/perf/six").asByteArray().length);
        browser.screenshot("timing-six-metrics");
    }

    @Test
    void oneSeriesOfFiftyThousandPoints() {
        user = signedInUser();
        for (int from = 0; from < 50_000; from += 10_000) {
            Steps.upload(user, "perf/long", from, from + 10_000,
                    Steps.metrics("latency", (IntToDoubleFunction) i -> Steps.value(i, 10, 12, 25_000, 0.5)));
        }
        measure("test page, 1 metric x 50,000 points", "/tests/perf/long", "/api/v0/dashboard/series/");
        double zoom = ((Number) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const start = performance.now();
                document.querySelector("button[title='Zoom in']").click();
                requestAnimationFrame(() => done(performance.now() - start));
                """)).doubleValue();
        print("zoom into 50,000 points, to the next frame", "%.0f ms", zoom);
        browser.screenshot("timing-fifty-thousand");
    }

    @Test
    void aTreeOfAThousandTests() throws Exception {
        user = signedInUser();
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 1_000; t++) {
            String test = String.format("org%d/repo%d/main/bench%d", t / 100, t / 10 % 10, t % 10);
            int step = t % 3 == 0 ? 5 : 100;
            done.add(uploads.submit(() -> Steps.upload(user, test, 0, 10,
                    Steps.metrics("ns_per_op", (IntToDoubleFunction) i -> Steps.value(i, 50, 75, step, 0.5)))));
        }
        for (Future<?> upload : done) {
            upload.get();
        }
        uploads.shutdown();
        measure("tree of 1,000 tests", "/", "/api/v0/result/summarySiblings");
        double filter = ((Number) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const start = performance.now();
                const input = document.getElementById('filter');
                input.value = 'bench7';
                input.dispatchEvent(new Event('input'));
                requestAnimationFrame(() => done(performance.now() - start));
                """)).doubleValue();
        print("filter the tree of 1,000 tests, to the next frame", "%.0f ms", filter);
        browser.screenshot("timing-tree");
    }

    /**
     * Opens the page {@value #RUNS} times and prints, for each, the time to ready, when the answer from {@code api}
     * (its main read) had arrived, and the longest task of the main thread.
     */
    private static void measure(String what, String path, String api) {
        List<String> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            browser.open(path);
            double data = ((Number) browser.js("return performance.getEntriesByType('resource')"
                    + ".find((e) => e.name.includes(arguments[0])).responseEnd", api)).doubleValue();
            runs.add(String.format(Locale.ROOT, "%.0f ms (data in at %.0f ms, longest task %.0f ms)",
                    browser.readyAfterMillis(), data, browser.longestTaskMillis()));
        }
        print(what + ", navigation start to ready", "%s", String.join("; ", runs));
    }

    private static void print(String what, String format, Object... args) {
        System.out.println("TIMING " + what + ": " + String.format(Locale.ROOT, format, args));
    }
}
