package dev.tarkka.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class TokenAttacksIT extends TokenAttacksTest {

    @Override
    protected boolean storeReachable() {
        return false;
    }
}
