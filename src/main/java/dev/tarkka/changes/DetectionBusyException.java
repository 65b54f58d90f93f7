package dev.tarkka.changes;

import java.time.Duration;
import java.util.Map;

import dev.tarkka.error.ApiException;

/** Every detection slot stayed busy for the whole queue timeout: try again shortly. */
public class DetectionBusyException extends ApiException {

    DetectionBusyException(Duration waited) {
        super(503, "Change detection is busy, retry later (waited " + waited.toMillis() + " ms for a free slot)",
                Map.of("Retry-After", Long.toString(Math.max(1, waited.toSeconds()))));
    }
}
