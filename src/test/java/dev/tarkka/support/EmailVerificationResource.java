package dev.tarkka.support;

import java.util.HashMap;
import java.util.Map;

/** {@link FakeTargetsResource}'s captured mailbox, with {@code tarkka.auth.email-verification} on. */
public class EmailVerificationResource extends FakeTargetsResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("tarkka.auth.email-verification", "true");
        return config;
    }
}
