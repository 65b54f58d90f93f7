package dev.tarkka.changes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.detection.Analysis;
import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.SeriesColumns;
import dev.tarkka.error.ApiException;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.StoredSeries;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Change reports of a test, with the options the caller decided on. Reads the stored series, the disabled
 * metrics and the cached engine states, then analyses on the detection pool: incrementally where a cached state
 * still describes a prefix of the series, from scratch otherwise. Either way the answer equals a full analysis
 * of the stored points, so it is never stale.
 */
@ApplicationScoped
public class ChangeService {

    private static final Logger LOG = Logger.getLogger(ChangeService.class);
    private static final Duration SLOW_ANALYSIS = Duration.ofSeconds(1);

    private final SeriesStore series;
    private final DisabledMetrics disabledMetrics;
    private final ChangePointCache cache;
    private final DetectionExecutor executor;
    private final Timer detectionTimer;
    private final DistributionSummary seriesLength;

    ChangeService(SeriesStore series, DisabledMetrics disabledMetrics, ChangePointCache cache,
            DetectionExecutor executor, MeterRegistry registry) {
        this.series = series;
        this.disabledMetrics = disabledMetrics;
        this.cache = cache;
        this.executor = executor;
        this.detectionTimer = Timer.builder("tarkka.detection")
                .description("Time spent in change detection per analysed test")
                .register(registry);
        this.seriesLength = DistributionSummary.builder("tarkka.detection.points").baseUnit("points")
                .description("Points of each analysed test")
                .serviceLevelObjectives(100, 1_000, 10_000, 50_000, 100_000)
                .register(registry);
    }

    /** The test as stored now, analysed with {@code options}. */
    public Uni<TestAnalysis> analyse(ObjectId owner, String testName, DetectionOptions options) {
        return Uni.combine().all()
                .unis(series.series(owner, testName), disabledMetrics.of(owner, testName),
                        cache.find(owner, testName, options))
                .asTuple()
                .chain(input -> executor.submit(
                        () -> compute(testName, options, input.getItem1(), input.getItem2(), input.getItem3())))
                .call(computed -> computed.statesChanged() ? saveQuietly(owner, testName, options, computed.states())
                        : Uni.createFrom().voidItem())
                .map(Computed::analysis);
    }

    /**
     * Points that are not a stored series (a pull request against its history, say) analysed from scratch on the
     * detection pool; no cached state is read or written.
     */
    public Uni<TestAnalysis> analyse(String testName, StoredSeries series, Set<String> disabled,
            DetectionOptions options) {
        return executor.submit(() -> compute(testName, options, series, disabled, Map.of()).analysis());
    }

    /** The report of points that are not stored (default data, ad-hoc analyses), on the detection pool. */
    public Uni<TestReport> report(String testName, SeriesColumns series, Set<String> disabled,
            DetectionOptions options) {
        return executor.submit(() -> {
            long started = System.nanoTime();
            TestReport report = new TestReport(testName, ChangeReport.build(series, disabled, options).orElse(null),
                    List.of());
            record(testName, series.size(), System.nanoTime() - started);
            return report;
        });
    }

    /** What a write answers when its points are stored but the report could not be made. */
    public static TestReport afterWriteWarning(String testName, Throwable e) {
        String reason = e instanceof ApiException api && api.status() == 503 ? "change detection is busy"
                : "change detection failed (" + e.getClass().getSimpleName() + ")";
        LOG.warnf(e, "Report of %s after a stored write: %s", testName, reason);
        return new TestReport(testName, List.of(), List.of("The results are stored, but " + reason
                + "; GET /api/v0/result/{name}/changes gives the report later"));
    }

    private record Computed(TestAnalysis analysis, Map<String, AnalysisState> states, boolean statesChanged) {
    }

    private Computed compute(String testName, DetectionOptions options, StoredSeries series, Set<String> disabled,
            Map<String, AnalysisState> cached) {
        long started = System.nanoTime();
        SeriesColumns columns = series.columns();
        Map<String, List<ChangePoint>> changePoints = new LinkedHashMap<>();
        Map<String, AnalysisState> states = new LinkedHashMap<>();
        boolean changed = false;
        for (String metric : ChangeReport.metrics(columns, disabled)) {
            double[] values = columns.filled(metric);
            AnalysisState previous = cached.get(metric);
            Analysis analysis = previous == null ? ChangePointDetector.analyzeWithState(values, options)
                    : ChangePointDetector.update(previous, values, options);
            changePoints.put(metric, analysis.changePoints());
            states.put(metric, analysis.state());
            changed |= !analysis.state().equals(previous);
        }
        // States of disabled metrics stay cached: re-enabling them is then cheap.
        cached.forEach(states::putIfAbsent);
        TestAnalysis analysis = new TestAnalysis(testName, options, series, disabled, changePoints,
                ChangeReport.build(columns, disabled, changePoints));
        record(testName, series.size(), System.nanoTime() - started);
        return new Computed(analysis, states, changed);
    }

    private void record(String testName, int points, long nanos) {
        Duration took = Duration.ofNanos(nanos);
        detectionTimer.record(took);
        seriesLength.record(points);
        if (took.compareTo(SLOW_ANALYSIS) > 0) {
            LOG.infof("Slow change detection: %s, %d points, %d ms", testName, points, took.toMillis());
        } else {
            LOG.debugf("Change detection: %s, %d points, %d ms", testName, points, took.toMillis());
        }
    }

    private Uni<Void> saveQuietly(ObjectId owner, String testName, DetectionOptions options,
            Map<String, AnalysisState> states) {
        // The cache only saves work; failing to update it must not fail the report.
        return cache.save(owner, testName, options, states).onFailure().recoverWithItem(e -> {
            LOG.debugf("Change-point cache of %s not updated: %s", testName, e.getMessage());
            return null;
        });
    }
}
