package dev.tarkka.results;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SummariesApiIT extends SummariesApiTest {
}
