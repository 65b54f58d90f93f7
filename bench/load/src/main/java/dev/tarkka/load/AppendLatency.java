package dev.tarkka.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What change detection adds to an upload: one point appended to a 10k-point series, with detection on
 * (the engine's incremental update) and with the test's metric disabled, alternating between the two so
 * both see the same machine. Prints p50/p99 of each and their ratio.
 *
 * <pre>java -cp bench/load/target/tarkka-load.jar dev.tarkka.load.AppendLatency [points] [appends]</pre>
 */
public final class AppendLatency {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private String token;

    private AppendLatency(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (ServiceProcess service = ServiceProcess.start(Path.of("").toAbsolutePath(), List.of(), false)) {
            new AppendLatency(service.baseUrl()).run(points, appends);
        }
    }

    private void run(int points, int appends) throws Exception {
        send("POST", "/api/v0/auth/register", "application/json",
                "{\"email\":\"append@example.com\",\"password\":\"append-secret\"}", 201);
        Matcher matcher = TOKEN.matcher(send("POST", "/api/v0/auth/jwt/login", "application/x-www-form-urlencoded",
                "username=append%40example.com&password=append-secret", 200));
        matcher.find();
        token = matcher.group(1);

        Random random = new Random(7);
        for (String test : List.of("append/detected", "append/disabled")) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 1; i <= points; i++) {
                body.append(i > 1 ? "," : "").append(point(i, (i < points / 2 ? 100 : 110) + random.nextGaussian()));
            }
            send("POST", "/api/v0/result/" + test, "application/json", body.append(']').toString(), 200);
        }
        send("POST", "/api/v0/result/append/disabled/changes/disable", "application/json", "[\"latency\"]", 200);

        long[] detected = new long[appends];
        long[] disabled = new long[appends];
        for (int i = 0; i < appends; i++) {
            String body = "[" + point(points + 1 + i, 110 + random.nextGaussian()) + "]";
            detected[i] = timed("/api/v0/result/append/detected", body);
            disabled[i] = timed("/api/v0/result/append/disabled", body);
        }
        double p50On = percentile(detected, 50);
        double p99On = percentile(detected, 99);
        double p50Off = percentile(disabled, 50);
        double p99Off = percentile(disabled, 99);
        System.out.printf("one point appended to a %d-point series, %d times each, alternating%n", points, appends);
        System.out.printf("| upload | p50 ms | p99 ms |%n|---|---:|---:|%n");
        System.out.printf("| detection on (incremental) | %.1f | %.1f |%n", p50On, p99On);
        System.out.printf("| detection disabled for the test | %.1f | %.1f |%n", p50Off, p99Off);
        System.out.printf("| ratio on / disabled | %.2f | %.2f |%n", p50On / p50Off, p99On / p99Off);
    }

    private static String point(long timestamp, double value) {
        return "{\"timestamp\":" + timestamp + ",\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":" + value
                + "}],\"attributes\":{\"git_repo\":\"https://github.com/o/r\",\"branch\":\"main\",\"git_commit\":\"c"
                + timestamp + "\"}}";
    }

    private long timed(String path, String body) throws Exception {
        long started = System.nanoTime();
        send("POST", path, "application/json", body, 200);
        return System.nanoTime() - started;
    }

    private String send(String method, String path, String contentType, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
