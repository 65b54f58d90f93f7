package dev.tarkka.pulls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PullsApiIT extends PullsApiTest {
}
