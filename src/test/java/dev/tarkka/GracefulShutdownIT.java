package dev.tarkka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.support.PackagedApp;
import dev.tarkka.support.RawHttp;
import dev.tarkka.support.RawHttp.Header;

/**
 * SIGTERM while uploads are in flight, against the packaged jar started as operators start it: readiness
 * turns DOWN during the shutdown delay; the uploads in flight are acknowledged; uploads sent after SIGTERM
 * are acknowledged too or refused cleanly (503 or no connection), never answered with another 5xx; the
 * process exits within delay + timeout; and after a restart on the same store file every acknowledged upload
 * is there in full. Plain JUnit: the test must own the process to signal it.
 */
class GracefulShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** quarkus.shutdown.delay (as set below) + quarkus.shutdown.timeout, plus a margin for a loaded machine. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(2 + 30 + 10);
    private static final int LARGE_UPLOADS = 3;
    private static final int POINTS_PER_LARGE_UPLOAD = 4000; // about 1 MB of JSON each

    @TempDir
    Path dir;

    private PackagedApp packaged;
    private Process app;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    /** One upload: its test name, its size, when it started relative to SIGTERM, and how it ended. */
    record Upload(String test, int points, boolean afterSigterm, RawHttp.Response response, IOException failure,
            long endedNanos) {

        boolean acknowledged() {
            return response != null && response.status() == 200;
        }

        String describe() {
            return test + (afterSigterm ? " (sent after SIGTERM)" : "") + ": "
                    + (response != null ? response.status() + " " + abbreviate(response.bodyText())
                            : failure.getClass().getSimpleName() + " " + failure.getMessage());
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        if (packaged != null && packaged.isAlive()) {
            packaged.kill();
        }
    }

    @Test
    void inFlightUploadsFinishAndSurviveARestart() throws Exception {
        // A shutdown delay shorter than the production 5 s, so the large uploads are still in flight when the server
        // stops taking new requests, and the test stays short.
        Map<String, String> env = new HashMap<>(PackagedApp.embeddedStore(dir.resolve("store.mv"), 0));
        env.put("QUARKUS_SHUTDOWN_DELAY", "2S");
        packaged = PackagedApp.of("graceful-shutdown", dir.resolve("keys"), env);
        RawHttp http = new RawHttp("127.0.0.1", packaged.port());

        app = packaged.start("first").process();
        String token = registerAndLogin(http);

        List<CompletableFuture<Upload>> uploads = new ArrayList<>();
        for (int i = 0; i < LARGE_UPLOADS; i++) {
            uploads.add(upload(http, token, "large/" + i, POINTS_PER_LARGE_UPLOAD, false));
        }
        Thread.sleep(300); // the bodies are on their way
        long sigterm = System.nanoTime();
        app.destroy(); // SIGTERM

        // readiness turns DOWN during the shutdown delay, while uploads are still being accepted
        boolean readinessDown = false;
        for (int i = 0; !readinessDown && i < 40 && app.isAlive(); i++) {
            readinessDown = packaged.status("/q/health/ready") == 503;
            Thread.sleep(100);
        }
        // requests keep arriving, as they would until the load balancer notices
        for (int i = 0; app.isAlive() && Duration.ofNanos(System.nanoTime() - sigterm).toSeconds() < 15; i++) {
            uploads.add(upload(http, token, "late/" + i, 10, true));
            Thread.sleep(200);
        }

        boolean exited = app.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
        long shutdownMillis = Duration.ofNanos(System.nanoTime() - sigterm).toMillis();
        assertThat(exited).as("exited within %s", EXIT_WITHIN).isTrue();
        // the JVM reports a SIGTERM shutdown as 128 + 15, whatever the shutdown hooks did
        int exitCode = app.exitValue();
        List<Upload> done = uploads.stream().map(CompletableFuture::join).toList();
        System.out.printf("Shutdown took %d ms, exit code %d, readiness DOWN seen: %s%n", shutdownMillis, exitCode,
                readinessDown);
        done.forEach(u -> System.out.printf("  answered %5d ms after SIGTERM: %s%n",
                Duration.ofNanos(u.endedNanos() - sigterm).toMillis(), u.describe()));

        assertThat(exitCode).isEqualTo(143);
        assertThat(readinessDown).as("/q/health/ready answered 503 during the shutdown delay").isTrue();
        long lastAnswer = done.stream().filter(Upload::acknowledged).mapToLong(Upload::endedNanos).max()
                .orElse(Long.MAX_VALUE);
        List<Upload> cutOffAtExit = new ArrayList<>();
        for (Upload upload : done) {
            if (!upload.afterSigterm()) {
                assertThat(upload.acknowledged()).as(upload.describe()).isTrue();
            } else if (!upload.acknowledged()) {
                if (upload.response() == null && !(upload.failure() instanceof ConnectException)
                        && upload.endedNanos() >= lastAnswer) {
                    // Connected in the instant the server closed, after it had answered everything else: the
                    // connection is reset unanswered. Checked below to have stored nothing.
                    cutOffAtExit.add(upload);
                    continue;
                }
                // refused cleanly: Quarkus's 503 once the delay is over, or no connection once the server is gone
                assertThat(upload.response() != null ? upload.response().status() == 503
                        : upload.failure() instanceof ConnectException).as(upload.describe()).isTrue();
            }
        }
        assertThat(done).filteredOn(Upload::afterSigterm).anyMatch(Upload::acknowledged);

        // the same store file, a new process: every acknowledged upload is there, in full
        app = packaged.start("restarted").process();
        for (Upload upload : done.stream().filter(Upload::acknowledged).toList()) {
            RawHttp.Response stored = http.send("GET", "/api/v0/result/" + upload.test(), bearer(token), null, false,
                    true, Duration.ofSeconds(30));
            assertThat(stored.status()).as(upload.test()).isEqualTo(200);
            assertThat(JSON.readTree(stored.body()).size()).as(upload.test()).isEqualTo(upload.points());
        }
        for (Upload upload : cutOffAtExit) {
            RawHttp.Response stored = http.send("GET", "/api/v0/result/" + upload.test(), bearer(token), null, false,
                    true, Duration.ofSeconds(30));
            assertThat(stored.status()).as(upload.describe() + ", after the restart").isEqualTo(404);
        }
        app.destroy();
        assertThat(app.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private CompletableFuture<Upload> upload(RawHttp http, String token, String test, int points, boolean afterSigterm) {
        byte[] body = points(points);
        return CompletableFuture.supplyAsync(() -> {
            List<Header> headers = new ArrayList<>(bearer(token));
            headers.add(new Header("Content-Type", "application/json"));
            try {
                return new Upload(test, points, afterSigterm,
                        http.send("POST", "/api/v0/result/" + test, headers, body, false, true, Duration.ofSeconds(60)),
                        null, System.nanoTime());
            } catch (IOException e) {
                return new Upload(test, points, afterSigterm, null, e, System.nanoTime());
            }
        }, clients);
    }

    private static byte[] points(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(1_700_000_000L + i)
                    .append(",\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":").append(10 + i % 7)
                    .append(",\"direction\":\"lower_is_better\"},{\"name\":\"throughput\",\"unit\":\"ops\",\"value\":")
                    .append(1000 + i % 13).append("}],\"attributes\":{\"git_repo\":\"https://github.com/o/r\",")
                    .append("\"branch\":\"main\",\"git_commit\":\"").append(Integer.toHexString(0x100000 + i))
                    .append("\"},\"extra_info\":{\"runner\":\"ubuntu-latest-").append(i).append("\"}}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private String registerAndLogin(RawHttp http) throws IOException {
        String email = "shutdown@example.com";
        String password = "a-password";
        RawHttp.Response registered = http.send("POST", "/api/v0/auth/register",
                List.of(new Header("Content-Type", "application/json")),
                JSON.writeValueAsBytes(Map.of("email", email, "password", password)), false, true, Duration.ofSeconds(30));
        assertThat(registered.status()).as(registered.bodyText()).isEqualTo(201);
        RawHttp.Response login = http.send("POST", "/api/v0/auth/jwt/login",
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded")),
                ("username=shutdown%40example.com&password=" + password).getBytes(StandardCharsets.US_ASCII), false,
                true, Duration.ofSeconds(30));
        assertThat(login.status()).as(login.bodyText()).isEqualTo(200);
        JsonNode answer = JSON.readTree(login.body());
        return answer.get("access_token").asText();
    }

    private static List<Header> bearer(String token) {
        return List.of(new Header("Authorization", "Bearer " + token));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
