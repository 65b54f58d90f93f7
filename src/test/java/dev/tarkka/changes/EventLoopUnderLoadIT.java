package dev.tarkka.changes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same against the packaged app, whose embedded store serialises every operation of a collection and reads
 * a series by scanning the collection: four 10k-point series keep its work within what a slow machine does
 * well inside the driver's read timeout.
 */
@QuarkusIntegrationTest
class EventLoopUnderLoadIT extends EventLoopUnderLoadTest {

    @Override
    int series() {
        return 4;
    }
}
