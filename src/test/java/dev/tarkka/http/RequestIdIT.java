package dev.tarkka.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RequestIdIT extends RequestIdTest {
}
