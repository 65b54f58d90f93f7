package dev.tarkka.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Vert.x reported a blocked event-loop thread while it ran: in this JVM (the
 * {@code @QuarkusTest} app) or in the log of the packaged app ({@code @QuarkusIntegrationTest}).
 * Registered for every test class through JUnit's extension auto-detection (src/test/resources/META-INF/services;
 * quarkus-junit turns auto-detection on).
 */
public class NoBlockedEventLoop implements BeforeAllCallback, AfterAllCallback {

    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
    private static final String WARNING = "has been blocked for";
    private static final Path PACKAGED_APP_LOG = Path.of("target", "quarkus.log");
    /** Strong reference: java.util.logging keeps loggers weakly. */
    private static final Logger CHECKER_LOGGER = Logger.getLogger(CHECKER);
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    static {
        CHECKER_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                REPORTS.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** Where the packaged app's log stood when the class started: earlier lines belong to other classes. */
    private long logOffset;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        REPORTS.clear();
        logOffset = Files.exists(PACKAGED_APP_LOG) ? Files.size(PACKAGED_APP_LOG) : 0;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (!REPORTS.isEmpty()) {
            throw new AssertionError("Vert.x reported a blocked event loop: " + REPORTS);
        }
        if (Files.exists(PACKAGED_APP_LOG)) {
            byte[] log = Files.readAllBytes(PACKAGED_APP_LOG);
            // a restarted app starts a new log: then all of it is this class's
            int from = log.length >= logOffset ? (int) logOffset : 0;
            List<String> blocked = new String(log, from, log.length - from, java.nio.charset.StandardCharsets.UTF_8)
                    .lines().filter(l -> l.contains(WARNING)).toList();
            if (!blocked.isEmpty()) {
                throw new AssertionError("The packaged app reported a blocked event loop: " + blocked);
            }
        }
    }
}
