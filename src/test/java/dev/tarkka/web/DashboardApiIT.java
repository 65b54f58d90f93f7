package dev.tarkka.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class DashboardApiIT extends DashboardApiTest {
}
