package dev.tarkka.changes;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CacheConsistencyIT extends CacheConsistencyTest {
}
