package dev.tarkka.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PasswordResetIT extends PasswordResetTest {
}
