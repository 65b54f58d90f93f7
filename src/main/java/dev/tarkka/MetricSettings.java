package dev.tarkka;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/** How Tarkka's metrics are published: what a dashboard needs, with as few series as that takes. */
@Singleton
public class MetricSettings {

    static final Set<String> LATENCIES = Set.of("http.server.requests", "mongodb.driver.commands", "tarkka.detection");
    /** {@code {name: .*}}, a path parameter with its regular expression. */
    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");
    private static final double[] BUCKETS = { ms(1), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
            ms(2500), ms(5000), ms(10_000) };

    /**
     * Latency buckets for the timers worth a percentile on a dashboard: HTTP requests, store commands and change
     * detection. A fixed, short list (not Micrometer's 70-odd percentile buckets) keeps the series count small.
     */
    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return LATENCIES.contains(id.getName())
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config)
                        : config;
            }
        };
    }

    /** Routes as the API description writes them: {@code /api/v0/result/{name}}, not {@code {name: .*}}. */
    @Produces
    @Singleton
    MeterFilter plainRouteTemplates() {
        return MeterFilter.replaceTagValues("uri", uri -> PARAMETER_REGEX.matcher(uri).replaceAll("{$1}"));
    }

    /** Timers' buckets are in nanoseconds. */
    private static double ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
