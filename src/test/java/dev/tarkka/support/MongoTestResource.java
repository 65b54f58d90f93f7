package dev.tarkka.support;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.tarkka.auth.KeyPairFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The store and the JWT keys the tests run against.
 * <ul>
 * <li>{@code @QuarkusTest}: an in-JVM MongoDB wire-protocol server on a free loopback port, which tests
 * can stop and start again on the same port with the same data: a test declares {@code Runnable stopStore}
 * and {@code Runnable startStore} fields and gets them injected.</li>
 * <li>{@code @QuarkusIntegrationTest}: the packaged application in the prod profile with its own embedded
 * store ({@code tarkka.store.embedded=true}) in a fresh file, exactly as the README runs it.</li>
 * </ul>
 * Both have an administrator ({@link Api#admin()}). The packaged app gets a freshly generated RSA key pair as PEM files, as operators configure them.
 * <p>
 * With {@code -Dtarkka.test.mongodb=<connection string>} both run against that MongoDB instead, and with
 * {@code -Dtarkka.test.mongodb=container} against a {@code mongo:7} container (Testcontainers, where Docker runs),
 * each run in a database of its own. Tests that stop and start the store are skipped there.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Settings that only make the suite faster, for every application it starts ({@link PackagedApp} passes them as
     * environment variables, which a test's own environment overrides).
     */
    public static final Map<String, String> SUITE_SETTINGS = Map.of(
            // no load balancer to drain between restarts; GracefulShutdownIT sets a delay of its own and measures it
            "quarkus.shutdown.delay", "0S",
            // the production cost takes 80 ms a hash here, for each of the suite's thousands of registrations and
            // logins; PasswordHasherTest checks that the configured cost is the one used
            "tarkka.auth.password-hash-cost", "4",
            // tests that read the backlog gauge would otherwise wait up to the production 15 s for its next count
            "tarkka.notify.backlog-interval", "1S");

    private static MemoryBackend backend;
    private static MongoServer server;
    private static InetSocketAddress address;
    private static boolean stopped;
    /** Set by the failsafe configuration in the pom: the integration tests run the packaged app. */
    private final boolean integrationTest = Boolean.getBoolean("tarkka.test.packaged-app");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        // the administrator, configured as operators configure theirs (TARKKA_ADMIN_EMAIL, TARKKA_ADMIN_PASSWORD)
        config.put("tarkka.admin.email", Api.ADMIN_EMAIL);
        config.put("tarkka.admin.password", Api.ADMIN_PASSWORD);
        config.putAll(SUITE_SETTINGS);
        String realStore = RealMongo.connectionString();
        if (realStore != null) {
            config.put("quarkus.mongodb.connection-string", realStore);
            config.put("quarkus.mongodb.database", RealMongo.databaseForThisRun());
            if (integrationTest) {
                config.putAll(keys());
            }
        } else if (integrationTest) {
            // the prod profile needs real keys; in test mode Quarkus generates a pair itself
            config.putAll(keys());
            config.put("tarkka.store.embedded", "true");
            config.put("tarkka.store.embedded.path", "target/it-store/" + UUID.randomUUID() + ".mv");
        } else {
            backend = new RestartableBackend();
            server = new MongoServer(backend);
            address = server.bind();
            stopped = false; // a store a test class left stopped belongs to the application before this one
            config.put("quarkus.mongodb.connection-string",
                    "mongodb://" + address.getHostString() + ":" + address.getPort());
        }
        return config;
    }

    /** Runnable fields, not a shared class: the test and this resource live in different class loaders. */
    @Override
    public void inject(TestInjector injector) {
        Runnable stop = MongoTestResource::stopStore;
        Runnable start = MongoTestResource::startStore;
        injector.injectIntoFields(stop, f -> f.getType() == Runnable.class && f.getName().equals("stopStore"));
        injector.injectIntoFields(start, f -> f.getType() == Runnable.class && f.getName().equals("startStore"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** Takes the store away: connections are closed and the port refuses new ones. Data is kept. */
    static synchronized void stopStore() {
        if (server == null) {
            Assumptions.abort("stopping the store needs the embedded test store");
        }
        server.shutdownNow();
        stopped = true;
    }

    /** Brings the store back on the same port with the same data; nothing to do while it runs. */
    static synchronized void startStore() {
        if (backend == null) {
            Assumptions.abort("restarting the store needs the embedded test store");
        }
        if (!stopped) {
            return; // running: its port would refuse the new server a hundred times
        }
        // the old server releases its port asynchronously
        for (int attempt = 1;; attempt++) {
            MongoServer restarted = new MongoServer(backend);
            try {
                restarted.bind(address.getHostString(), address.getPort());
                server = restarted;
                stopped = false;
                return;
            } catch (Exception e) { // Netty throws BindException undeclared
                restarted.shutdownNow();
                if (attempt == 100) {
                    throw new IllegalStateException("Cannot rebind the test store", e);
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> keys() {
        Path dir = Path.of("target", "test-keys", UUID.randomUUID().toString()).toAbsolutePath();
        KeyPairFiles.ensure(dir);
        // attack tests forge tokens against the keys the packaged app really uses
        System.setProperty(TestKeys.DIRECTORY_PROPERTY, dir.toString());
        return Map.of("mp.jwt.verify.publickey.location", dir.resolve(KeyPairFiles.PUBLIC_KEY).toString(),
                "smallrye.jwt.sign.key.location", dir.resolve(KeyPairFiles.PRIVATE_KEY).toString());
    }

    /** An in-memory backend that outlives a server shutdown, so a "restarted" store still has its data. */
    private static final class RestartableBackend extends MemoryBackend {
        @Override
        public void close() {
            // kept open: the test's server restarts on top of it
        }
    }
}
