package dev.tarkka;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The hostile-input corpus against the packaged application in production mode. */
@QuarkusIntegrationTest
class BadInputCorpusIT extends BadInputCorpusTest {
}
