package dev.tarkka.changes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ChangesApiIT extends ChangesApiTest {
}
