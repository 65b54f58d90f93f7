package dev.tarkka.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link FakeTargets} for a test class and points the application's notifications at loopback: private
 * targets allowed (the fakes are on 127.0.0.1), short poll, lease, timeout and retry delays, and mail through the
 * fake SMTP server. Tests reach the fakes through {@link Fakes}.
 */
public class FakeTargetsResource implements QuarkusTestResourceLifecycleManager {

    static final String CONTROL = "fake-targets.control";
    static final String TARGETS = "fake-targets.url";
    private FakeTargets fakes;

    @Override
    public Map<String, String> start() {
        fakes = new FakeTargets();
        System.setProperty(CONTROL, fakes.controlUrl());
        System.setProperty(TARGETS, fakes.url(""));
        Map<String, String> config = new HashMap<>();
        config.put("tarkka.notify.allow-private-targets", "true");
        config.put("tarkka.notify.poll-interval", "200ms");
        config.put("tarkka.notify.lease", "8S");
        config.put("tarkka.notify.send-timeout", "2S");
        config.put("tarkka.notify.retry-delay", "300ms");
        config.put("tarkka.notify.max-retry-delay", "1S");
        config.put("tarkka.notify.max-attempts", "60");
        config.put("tarkka.public-url", "https://tarkka.example");
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(fakes.smtpPort()));
        config.put("quarkus.mailer.from", "tarkka@example.test");
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        return config;
    }

    @Override
    public void stop() {
        if (fakes != null) {
            fakes.close();
        }
    }
}
