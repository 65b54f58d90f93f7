package dev.tarkka.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.detection.Analysis;
import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DataPoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.results.ResultInput;
import dev.tarkka.results.ResultStore;
import dev.tarkka.userconfig.UserConfigService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Change reports of a test. Reads the stored series, the caller's options and disabled metrics, and the
 * cached engine states, then analyses on the detection pool: incrementally where a cached state still
 * describes a prefix of the series, from scratch otherwise. Either way the answer equals a full analysis
 * of the stored points, so it is never stale.
 */
@ApplicationScoped
public class ChangeService {

    private static final Logger LOG = Logger.getLogger(ChangeService.class);
    private static final Duration SLOW_ANALYSIS = Duration.ofSeconds(1);

    private final ResultStore results;
    private final UserConfigService configs;
    private final DisabledMetrics disabledMetrics;
    private final ChangePointCache cache;
    private final DetectionExecutor executor;
    private final Timer detectionTimer;

    ChangeService(ResultStore results, UserConfigService configs, DisabledMetrics disabledMetrics,
            ChangePointCache cache, DetectionExecutor executor, MeterRegistry registry) {
        this.results = results;
        this.configs = configs;
        this.disabledMetrics = disabledMetrics;
        this.cache = cache;
        this.executor = executor;
        this.detectionTimer = Timer.builder("tarkka.detection")
                .description("Time spent in change detection per analysed test")
                .register(registry);
    }

    /** The test analysed with its owner's options. */
    public Uni<TestAnalysis> analyse(ObjectId owner, String testName) {
        return configs.detectionOptions(owner).chain(options -> analyse(owner, testName, options));
    }

    public Uni<TestAnalysis> analyse(ObjectId owner, String testName, DetectionOptions options) {
        return Uni.combine().all()
                .unis(results.series(owner, testName), disabledMetrics.of(owner, testName),
                        cache.find(owner, testName, options))
                .asTuple()
                .chain(input -> executor.submit(
                        () -> compute(testName, options, input.getItem1(), input.getItem2(), input.getItem3())))
                .call(computed -> computed.statesChanged() ? saveQuietly(owner, testName, options, computed.states())
                        : Uni.createFrom().voidItem())
                .map(Computed::analysis);
    }

    /** The report of points that are not stored (default data, ad-hoc analyses), on the detection pool. */
    public Uni<Map<String, Object>> report(String testName, List<DataPoint> points, Set<String> disabled,
            DetectionOptions options) {
        return executor.submit(() -> {
            long started = System.nanoTime();
            Map<String, Object> report = new LinkedHashMap<>();
            ChangeReport.build(points, disabled, options).ifPresent(groups -> report.put(testName, groups));
            record(testName, points.size(), System.nanoTime() - started);
            return report;
        });
    }

    /** The report of the whole series as stored now. */
    public Uni<Map<String, Object>> report(ObjectId owner, String testName) {
        return analyse(owner, testName).map(TestAnalysis::report);
    }

    /** What a write answers when its points are stored but the report could not be made. */
    public static Map<String, Object> afterWriteWarning(String testName, Throwable e) {
        String reason = e instanceof DetectionBusyException ? "change detection is busy"
                : "change detection failed (" + e.getClass().getSimpleName() + ")";
        LOG.warnf(e, "Report of %s after a stored write: %s", testName, reason);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(testName, List.of());
        report.put("warnings", List.of("The results are stored, but " + reason
                + "; GET /api/v0/result/{name}/changes gives the report later"));
        return report;
    }

    private record Computed(TestAnalysis analysis, Map<String, AnalysisState> states, boolean statesChanged) {
    }

    private Computed compute(String testName, DetectionOptions options, List<Document> docs, Set<String> disabled,
            Map<String, AnalysisState> cached) {
        long started = System.nanoTime();
        List<DataPoint> points = new ArrayList<>(docs.size());
        for (Document doc : docs) {
            points.add(toDataPoint(doc));
        }
        Map<String, List<ChangePoint>> changePoints = new LinkedHashMap<>();
        Map<String, AnalysisState> states = new LinkedHashMap<>();
        boolean changed = false;
        for (String metric : ChangeReport.metrics(points, disabled)) {
            double[] values = ChangeReport.series(points, metric);
            AnalysisState previous = cached.get(metric);
            Analysis analysis = previous == null ? ChangePointDetector.analyzeWithState(values, options)
                    : ChangePointDetector.update(previous, values, options);
            changePoints.put(metric, analysis.changePoints());
            states.put(metric, analysis.state());
            changed |= !analysis.state().equals(previous);
        }
        // States of disabled metrics stay cached: re-enabling them is then cheap.
        cached.forEach(states::putIfAbsent);
        TestAnalysis analysis = new TestAnalysis(testName, options, docs, disabled, changePoints,
                ChangeReport.build(points, disabled, changePoints));
        record(testName, docs.size(), System.nanoTime() - started);
        return new Computed(analysis, states, changed);
    }

    private void record(String testName, int points, long nanos) {
        Duration took = Duration.ofNanos(nanos);
        detectionTimer.record(took);
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

    /** A stored point as the engine sees it. */
    static DataPoint toDataPoint(Document doc) {
        Document stored = doc.get("attributes", Document.class);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Document metric : doc.getList("metrics", Document.class)) {
            Object value = metric.get("value");
            metrics.putIfAbsent(metric.getString("name"), value instanceof Number n ? n.doubleValue() : null);
        }
        return new DataPoint(((Number) doc.get("timestamp")).longValue(),
                reportAttributes(stored.getString("branch"), stored.getString("git_repo"), stored.getString("git_commit")),
                metrics);
    }

    /** A point that is not stored, as the engine sees it. */
    public static DataPoint toDataPoint(ResultInput result) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (ResultInput.Metric metric : result.metrics()) {
            metrics.putIfAbsent(metric.name(), metric.value().doubleValue());
        }
        ResultInput.Attributes a = result.attributes();
        return new DataPoint(result.timestamp(), reportAttributes(a.branch(), a.gitRepo(), a.gitCommit()), metrics);
    }

    /** Report attributes in Nyrkio's order. */
    private static Map<String, String> reportAttributes(String branch, String gitRepo, String gitCommit) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("branch", branch);
        attributes.put("git_repo", gitRepo);
        attributes.put("git_commit", gitCommit);
        return attributes;
    }
}
