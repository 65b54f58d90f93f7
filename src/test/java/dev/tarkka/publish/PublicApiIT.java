package dev.tarkka.publish;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PublicApiIT extends PublicApiTest {
}
