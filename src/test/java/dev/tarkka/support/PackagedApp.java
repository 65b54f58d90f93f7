package dev.tarkka.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tarkka.auth.KeyPairFiles;

import io.restassured.http.ContentType;

/**
 * The packaged jar started as operators start it (prod profile, keys from PEM files, the embedded store or a
 * connection string), for tests that must own the process: to signal it, kill it, or run two of them.
 */
public final class PackagedApp {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    private PackagedApp(String name, Map<String, String> env, int port) {
        this.name = name;
        this.env = env;
        this.port = port;
    }

    /**
     * An app on a free port with a generated key pair in {@code keys} (shared by every app given the same
     * directory, so tokens work on all of them), the suite's {@link MongoTestResource#SUITE_SETTINGS} and the extra
     * environment {@code env}.
     */
    public static PackagedApp of(String name, Path keys, Map<String, String> env) throws IOException {
        KeyPairFiles.ensure(keys);
        int port = freePort();
        Map<String, String> all = new HashMap<>();
        MongoTestResource.SUITE_SETTINGS.forEach((property, value) ->
                all.put(property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));
        all.putAll(env);
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        all.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve(KeyPairFiles.PUBLIC_KEY).toString());
        all.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve(KeyPairFiles.PRIVATE_KEY).toString());
        return new PackagedApp(name, all, port);
    }

    /** The environment of an app with its own embedded store in {@code file}, on {@code storePort} (0: any). */
    public static Map<String, String> embeddedStore(Path file, int storePort) {
        return Map.of("TARKKA_STORE_EMBEDDED", "true", "TARKKA_STORE_EMBEDDED_PATH", file.toString(),
                "TARKKA_STORE_EMBEDDED_PORT", Integer.toString(storePort));
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Starts the process (again) and waits until it is ready; its output goes to target/{name}-{run}.log. */
    public PackagedApp start(String run) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString());
        builder.environment().remove("QUARKUS_MONGODB_CONNECTION_STRING");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(Path.of("target", name + "-" + run + ".log").toFile());
        process = builder.start();
        awaitReady();
        return this;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("%s is running (see target/%s-*.log)", name, name).isTrue();
            if (status("/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " not ready within 60 s");
    }

    /** Registers {@code email} and logs in: the login token. */
    public String signUp(String email) {
        given().baseUri(baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "a-password")).post("/api/v0/auth/register")
                .then().statusCode(201);
        return given().baseUri(baseUri()).contentType(ContentType.URLENC)
                .formParam("username", email).formParam("password", "a-password")
                .post("/api/v0/auth/jwt/login").then().statusCode(200).extract().path("access_token");
    }

    /** The status of a GET, or -1 when there is no answer. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes stops a pod. */
    public void terminate() {
        process.destroy();
    }

    public void stop() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
