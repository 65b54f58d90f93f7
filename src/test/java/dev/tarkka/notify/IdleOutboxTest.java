package dev.tarkka.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.QueryLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With nothing to deliver, each poll of the outbox costs one claim query, and then the run ends. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class IdleOutboxTest {

    @Inject
    QueryLog log;

    @Test
    void anIdleOutboxIsPolledNotSpunOn() throws InterruptedException {
        log.clear();
        Thread.sleep(3_000); // three polls at the default interval of one second
        long claims = log.queries().stream()
                .filter(q -> q.command().equals("findAndModify") && q.collection().equals("notifications")).count();
        assertThat(claims).isBetween(1L, 10L);
    }
}
