package dev.tarkka.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The in-JVM MongoDB wire-protocol server behind {@code tarkka.store.embedded=true}: one per process,
 * file-backed so data survives restarts, bound to loopback on a free port.
 */
public final class EmbeddedStore {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);
    private static MongoServer server;

    private EmbeddedStore() {
    }

    /** Starts the server on first use and answers its connection string. */
    public static synchronized String connectionString(String path) {
        if (server == null) {
            Path file = Path.of(path).toAbsolutePath();
            createParent(file);
            MongoServer started = new MongoServer(new H2Backend(file.toString()));
            started.bind("127.0.0.1", 0);
            server = started;
            LOG.infof("Embedded store listening on %s, data in %s", started.getLocalAddress(), file);
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
