package dev.tarkka.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import dev.tarkka.support.Api;

/** Series with known shapes for the browser tests, uploaded as CI would upload them. */
final class Steps {

    static final String REPO = "https://github.com/tarkka/bench";
    /** A fixed noise pattern: the same series, and so the same change points, on every run. */
    private static final double[] NOISE = { 0.6, -0.4, 0.9, -0.8, 0.1, -0.5, 0.7, -0.2, 0.3, -0.9 };
    static final long T0 = 1_700_000_000L;

    private Steps() {
    }

    /** The commit of run {@code i}: hexadecimal, so that the pages link it to GitHub. */
    static String commit(int i) {
        return String.format("c0ffee%06x", i);
    }

    static long time(int i) {
        return T0 + i * 3600L;
    }

    /** Noise of amplitude {@code noise} around {@code before}, then around {@code after} from run {@code at} on. */
    static double value(int i, double before, double after, int at, double noise) {
        return (i < at ? before : after) + noise * NOISE[(i < at ? i : i * 3) % NOISE.length];
    }

    /** Metrics in the order given: name, function of the run, name, function, ... */
    static Map<String, IntToDoubleFunction> metrics(Object... namesAndValues) {
        Map<String, IntToDoubleFunction> metrics = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metrics.put((String) namesAndValues[i], (IntToDoubleFunction) namesAndValues[i + 1]);
        }
        return metrics;
    }

    /**
     * Uploads runs {@code from} to {@code to} (exclusive) of a test in one request: each metric (name → its value in
     * run i) in ms, lower is better.
     */
    static void upload(Api user, String test, int from, int to, Map<String, IntToDoubleFunction> metrics) {
        List<Map<String, Object>> points = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            List<Map<String, Object>> measured = new ArrayList<>();
            for (Map.Entry<String, IntToDoubleFunction> metric : metrics.entrySet()) {
                measured.add(Map.of("name", metric.getKey(), "unit", "ms", "value", metric.getValue().applyAsDouble(i),
                        "direction", "lower_is_better"));
            }
            points.add(Map.of("timestamp", time(i), "metrics", measured,
                    "attributes", Map.of("git_repo", REPO, "branch", "main", "git_commit", commit(i))));
        }
        user.json(points).post("/api/v0/result/" + test).then().statusCode(200);
    }
}
