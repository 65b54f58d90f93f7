package dev.tarkka.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Blocking HTTP calls to the service that time themselves and land in the current {@link Recording}.
 * Callers run on their own threads (closed loop), so a blocking send is exactly one outstanding request
 * per client thread. A request budget shared by all clients bounds the run in count as well as in time.
 */
final class ApiClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_INCIDENTS = 12;

    private final HttpClient http;
    private final URI baseUrl;
    private final AtomicReference<Recording> recording;
    private final AtomicLong budget;
    private final List<String> incidents = new ArrayList<>();
    private volatile boolean aborted;

    /** A response that arrived; {@code body} is the text of the answer. */
    record Response(int status, String body) {
        boolean is(int expected) {
            return status == expected;
        }
    }

    ApiClient(URI baseUrl, Recording initial, long requestBudget) {
        // HTTP/1.1 as Nyrkio's clients speak it; the default would try an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.baseUrl = baseUrl;
        this.recording = new AtomicReference<>(initial);
        this.budget = new AtomicLong(requestBudget);
    }

    /** From now on requests land in {@code next}; answers still in flight land there too. */
    void switchTo(Recording next) {
        recording.set(next);
    }

    /** Spends the whole budget: every client stops after its current request. */
    void abort() {
        aborted = true;
        budget.set(0);
    }

    boolean aborted() {
        return aborted;
    }

    /** False once the shared request budget is spent: clients stop. */
    boolean hasBudget() {
        return budget.get() > 0;
    }

    Response get(Endpoint endpoint, String path, String bearer) throws InterruptedException {
        return send(endpoint, request(path, bearer).GET().build());
    }

    Response postJson(Endpoint endpoint, String path, String bearer, String json) throws InterruptedException {
        return send(endpoint, request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response postForm(Endpoint endpoint, String path, Map<String, String> form) throws InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(endpoint, request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The first few 5xx answers and failed exchanges, verbatim, as evidence for the report. */
    synchronized List<String> incidents() {
        return List.copyOf(incidents);
    }

    /** Answers null when the exchange failed (dropped or timed out); that is recorded, never thrown. */
    private Response send(Endpoint endpoint, HttpRequest request) throws InterruptedException {
        budget.decrementAndGet();
        Recording target = recording.get();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - started;
            Recording current = recording.get();
            current.of(endpoint).recordResponse(response.statusCode(), latency);
            current.tick();
            if (response.statusCode() >= 500) {
                note(target, endpoint, request, response.statusCode() + " " + abbreviate(response.body()));
            }
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            recording.get().of(endpoint).recordTimeout();
            note(target, endpoint, request, "timeout after " + REQUEST_TIMEOUT.toSeconds() + " s");
            return null;
        } catch (IOException e) {
            recording.get().of(endpoint).recordDropped();
            note(target, endpoint, request, "dropped: " + e);
            return null;
        }
    }

    private synchronized void note(Recording phase, Endpoint endpoint, HttpRequest request, String what) {
        if (incidents.size() < MAX_INCIDENTS) {
            incidents.add(String.format("[%s] %s %s -> %s", phase.phase(), endpoint.label(), request.uri().getPath(),
                    what));
        }
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
