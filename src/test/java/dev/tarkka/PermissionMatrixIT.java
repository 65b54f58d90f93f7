package dev.tarkka;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The permission matrix against the packaged jar in the prod profile. */
@QuarkusIntegrationTest
class PermissionMatrixIT extends PermissionMatrixTest {
}
