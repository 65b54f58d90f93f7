package dev.tarkka.support;

import java.util.HashMap;
import java.util.Map;

/** {@link FakeTargetsResource}'s captured mailbox, with account links that expire after a second. */
public class ShortLinksResource extends FakeTargetsResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("tarkka.auth.account-token-ttl", "1S");
        return config;
    }
}
