package dev.tarkka.summaries;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SummariesApiIT extends SummariesApiTest {
}
