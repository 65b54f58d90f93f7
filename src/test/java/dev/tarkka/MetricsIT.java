package dev.tarkka;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MetricsIT extends MetricsTest {

    /**
     * Fewer names against the freshly started jar, whose JIT is still warming up (1,000 took 23 s here): a route
     * that counted raw paths would show as well, with 200 names and 20 of every other kind of request.
     */
    @Override
    int testNames() {
        return 200;
    }
}
