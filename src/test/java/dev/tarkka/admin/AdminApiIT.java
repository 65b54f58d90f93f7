package dev.tarkka.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class AdminApiIT extends AdminApiTest {
}
