package dev.tarkka.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain client for the one-scenario benchmarks ({@link AppendLatency}, {@link ServicePath}): one signed-in user,
 * requests that must answer the expected status, and their times.
 */
final class BenchClient {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = http1();
    private final URI base;
    private String token;

    /** HTTP/1.1 as CI clients speak it: the JDK's default offers an upgrade to HTTP/2 on every new connection. */
    static HttpClient http1() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    BenchClient(URI base) {
        this.base = base;
    }

    /** Registers the account and signs in with it: later requests carry its login token. */
    BenchClient signUp(String email, String password) throws Exception {
        send("POST", "/api/v0/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", 201);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/v0/auth/jwt/login"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("login answered " + login.statusCode() + ": " + login.body());
        }
        token = matcher.group(1);
        return this;
    }

    /** Sends a JSON body (GET when {@code body} is null); the answer must have status {@code expected}. */
    String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(300))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return response.body();
    }

    /** Nanoseconds a POST of the body takes until its whole answer (200) is read. */
    long timedPost(String path, String body) throws Exception {
        long started = System.nanoTime();
        send("POST", path, body, 200);
        return System.nanoTime() - started;
    }

    /** The percentile of the times, in milliseconds (nearest rank). */
    static double percentile(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
