package dev.tarkka.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class BrowserProtectionIT extends BrowserProtectionTest {
}
