package dev.tarkka.notify;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class NotifierConfigIT extends NotifierConfigTest {
}
