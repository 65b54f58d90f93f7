package dev.tarkka.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) started in the prod profile with the
 * embedded store in a fresh temporary file, its own key pair and a free loopback port; or connected to the store of
 * another instance ({@link #startStore}), so that the store runs in a process of its own as a MongoDB server does in
 * production. {@link #close()} stops it (SIGTERM, then a bounded wait, then a kill); a shutdown hook does the same
 * on Ctrl-C.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Longer than the service's own quarkus.shutdown.timeout (30 s), so a graceful stop can finish. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    private final Process process;
    private final URI baseUrl;
    private final Path workDir;
    private final Path log;
    private final boolean keepFiles;
    private final Thread shutdownHook;
    private final List<Runnable> onInterrupt = new CopyOnWriteArrayList<>();

    /** The loopback port of this instance's embedded store when other instances connect to it, otherwise 0. */
    private final int storePort;

    private ServiceProcess(Process process, URI baseUrl, Path workDir, Path log, boolean keepFiles, int storePort) {
        this.process = process;
        this.storePort = storePort;
        this.baseUrl = baseUrl;
        this.workDir = workDir;
        this.log = log;
        this.keepFiles = keepFiles;
        this.shutdownHook = new Thread(this::stopOnInterrupt, "tarkka-load-stop-service");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static final Pattern JAVA_OPTS_APPEND = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"");

    /**
     * The {@code -XX} options of the image's {@code JAVA_OPTS_APPEND} in {@code src/main/docker/Dockerfile.jvm}: the
     * service is measured as it is deployed (the options given with {@code --service-jvm-args} come after these and
     * win). Its {@code -D} options are left out: they would bind the service to every interface.
     */
    static List<String> imageJvmOptions(Path projectDir) throws IOException {
        Path dockerfile = projectDir.resolve("src/main/docker/Dockerfile.jvm");
        Matcher line = JAVA_OPTS_APPEND.matcher(Files.readString(dockerfile));
        if (!line.find()) {
            throw new IllegalStateException(dockerfile + " sets no JAVA_OPTS_APPEND");
        }
        return Stream.of(line.group(1).split("\\s+")).filter(option -> option.startsWith("-XX:")).toList();
    }

    static ServiceProcess start(Path projectDir, List<String> jvmArgs, boolean keepFiles) throws IOException {
        return start(projectDir, jvmArgs, keepFiles, null);
    }

    /** The service, using the store of {@code store} (from {@link #startStore}) instead of one of its own. */
    static ServiceProcess start(Path projectDir, List<String> jvmArgs, boolean keepFiles, ServiceProcess store)
            throws IOException {
        return launch(projectDir, jvmArgs, keepFiles, store, 0);
    }

    /**
     * An instance that only hosts the embedded store, listening on a free loopback port for other instances (the
     * service's {@code tarkka.store.embedded.port}); it gets no requests.
     */
    static ServiceProcess startStore(Path projectDir, boolean keepFiles) throws IOException {
        return launch(projectDir, List.of(), keepFiles, null, freeLoopbackPort());
    }

    private static ServiceProcess launch(Path projectDir, List<String> jvmArgs, boolean keepFiles,
            ServiceProcess store, int storePort) throws IOException {
        Path jar = projectDir.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build the service first (./mvnw -B package -DskipTests)"
                    + " or pass --project");
        }
        Path workDir = Files.createTempDirectory("tarkka-load-");
        PemKeys keys = PemKeys.generate(workDir);
        int port = freeLoopbackPort();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(imageJvmOptions(projectDir));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("TARKKA_STORE_EMBEDDED", Boolean.toString(store == null));
        env.put("TARKKA_STORE_EMBEDDED_PATH", workDir.resolve("store.mv").toString());
        env.put("TARKKA_STORE_EMBEDDED_PORT", Integer.toString(storePort));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1"); // prod binds 0.0.0.0 by default; load stays on loopback
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString());
        env.remove("QUARKUS_MONGODB_CONNECTION_STRING"); // never the operator's real store
        if (store != null) {
            env.put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + store.storePort);
        }
        Path log = workDir.resolve(storePort > 0 ? "store.log" : "service.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());

        ServiceProcess service = new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port),
                workDir, log, keepFiles, storePort);
        try {
            service.awaitReady();
        } catch (RuntimeException | IOException e) {
            service.close();
            throw e;
        }
        return service;
    }

    URI baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Runs {@code action} first when the harness is interrupted (Ctrl-C, SIGTERM). The load clients register
     * here: a service still under load would spend its whole graceful-shutdown timeout waiting for requests.
     */
    void beforeInterruptStop(Runnable action) {
        onInterrupt.add(action);
    }

    /** Null while the service runs; its exit code once it has exited on its own. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    Path log() {
        return log;
    }

    /** Lines of the service log at level ERROR: the server-side trace of 5xx answers. */
    long errorLogLines() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUrl.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with code " + process.exitValue()
                        + " before it was ready; see " + log + "\n" + tail(20));
            }
            try {
                lastStatus = client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the service");
            }
            sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (last /q/health/ready status " + lastStatus + "); see " + log);
    }

    /** Last lines of the service log, for error messages. */
    String tail(int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
        if (!keepFiles) {
            deleteAllBut(log);
        }
    }

    private void stopOnInterrupt() {
        System.err.println("interrupted: stopping the load and the service (pid " + process.pid() + ") …");
        onInterrupt.forEach(Runnable::run);
        stop();
        if (!keepFiles) {
            deleteAllBut(log);
        }
    }

    private synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("The service did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The store file and keys go; the log stays for the post-mortem of any 5xx. */
    private void deleteAllBut(Path keep) {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(keep) && !path.equals(workDir))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not clean " + workDir + ": " + e.getMessage());
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
