package dev.tarkka.changes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ReferenceReportsApiIT extends ReferenceReportsApiTest {
}
