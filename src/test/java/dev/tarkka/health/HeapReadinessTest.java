package dev.tarkka.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness follows the heap's live data after collections, against the configured share. */
class HeapReadinessTest {

    @Test
    void downWhenTheLiveHeapIsAboveTheShareUpWhenBelow() {
        System.gc(); // every heap pool has a measurement after a collection
        HealthCheckResponse up = new HeapReadiness(1.0).call();
        assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        long live = ((Number) up.getData().orElseThrow().get("live_after_collection_bytes")).longValue();
        assertThat(live).isPositive();
        assertThat(new HeapReadiness(0.0).call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
