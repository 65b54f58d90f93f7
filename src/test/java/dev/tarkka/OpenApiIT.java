package dev.tarkka;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {
}
