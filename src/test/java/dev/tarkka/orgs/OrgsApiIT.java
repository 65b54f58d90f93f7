package dev.tarkka.orgs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OrgsApiIT extends OrgsApiTest {
}
