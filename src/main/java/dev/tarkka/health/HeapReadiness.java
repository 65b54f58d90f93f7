package dev.tarkka.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.tarkka.config.TarkkaConfig;

/**
 * Readiness DOWN while the heap is nearly full of live data, so that a load balancer sends new requests to other
 * replicas until collections free it; UP again by itself. Measured after the last collection of each heap pool (what
 * survived it), not as the heap's momentary use, which is high between collections on any busy JVM.
 */
@Readiness
@ApplicationScoped
public class HeapReadiness implements HealthCheck {

    private final double readyBelow;
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            .toList();

    @Inject
    HeapReadiness(TarkkaConfig config) {
        this(config.limits().heapReadyBelow());
    }

    HeapReadiness(double readyBelow) {
        this.readyBelow = readyBelow;
    }

    @Override
    public HealthCheckResponse call() {
        long live = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            live += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        double full = (double) live / max;
        return HealthCheckResponse.named("heap").status(full < readyBelow)
                .withData("live_after_collection_bytes", live).withData("max_bytes", max)
                .withData("ready_below", Double.toString(readyBelow)).build();
    }
}
