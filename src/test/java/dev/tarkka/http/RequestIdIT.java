package dev.tarkka.http;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RequestIdIT extends RequestIdTest {

    /** Disabled, not aborted inside: an aborted test counts as failed to Quarkus, which then restarts the application. */
    @Test
    @Disabled("stopping the store needs the embedded test store; the packaged app runs its own")
    @Override
    void aServerFailureNamesItsRequestInTheBody() {
    }
}
