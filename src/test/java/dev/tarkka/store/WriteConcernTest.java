package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;

import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service writes with an acknowledged, journaled, majority write concern unless configured otherwise. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class WriteConcernTest {

    @Inject
    MongoClient client;

    @Test
    void writesWaitForAMajorityJournal() {
        WriteConcern concern = client.getDatabase("tarkka").getWriteConcern();
        assertThat(concern.getWString()).isEqualTo("majority");
        assertThat(concern.getJournal()).isTrue();
        assertThat(concern.getWTimeout(TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(concern.isAcknowledged()).isTrue();
    }
}
