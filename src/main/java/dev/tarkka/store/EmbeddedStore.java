package dev.tarkka.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The in-JVM MongoDB wire-protocol server behind {@code tarkka.store.embedded=true}: one per process,
 * file-backed so data survives restarts, bound to loopback on a free port.
 */
public final class EmbeddedStore {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);
    private static MongoServer server;

    private EmbeddedStore() {
    }

    /**
     * How the embedded store runs.
     *
     * @param port           the loopback port it listens on (0: any free one); a second instance can use it
     * @param cacheMegabytes its page cache: reads of long series come from memory up to this size
     * @param sync           force every acknowledged write to disk (else a crash of the machine, not of the
     *                       process, can lose the last writes)
     */
    public record Settings(String path, int port, int cacheMegabytes, boolean sync) {
    }

    /** Starts the server on first use and answers its connection string. */
    public static synchronized String connectionString(Settings settings) {
        if (server == null) {
            Path file = Path.of(settings.path()).toAbsolutePath();
            createParent(file);
            MongoServer started = new MongoServer(
                    DurableH2Backend.open(file.toString(), settings.cacheMegabytes(), settings.sync()));
            started.bind("127.0.0.1", settings.port());
            server = started;
            LOG.infof("Embedded store listening on %s, data in %s%s", started.getLocalAddress(), file,
                    settings.sync() ? "" : " (writes not forced to disk)");
        }
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    /** Flushes and closes the store file; a no-op when the embedded store was never started. */
    public static synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
            LOG.info("Embedded store stopped");
        }
    }

    private static void createParent(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the embedded store " + file, e);
        }
    }
}
