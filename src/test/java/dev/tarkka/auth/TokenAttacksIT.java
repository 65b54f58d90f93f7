package dev.tarkka.auth;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The attacks against the packaged jar. Changing an account behind the API's back needs the application's store,
 * which only the in-process test reaches; those two are disabled here rather than aborted inside, because an aborted
 * test counts as failed to Quarkus, which then restarts the application.
 */
@QuarkusIntegrationTest
class TokenAttacksIT extends TokenAttacksTest {

    @Test
    @Disabled("the packaged app's store is out of the test's reach")
    @Override
    void deletedUser() {
    }

    @Test
    @Disabled("the packaged app's store is out of the test's reach")
    @Override
    void deactivatedUser() {
    }
}
