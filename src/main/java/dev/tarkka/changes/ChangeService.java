package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.detection.ChangeReport;
import dev.tarkka.detection.DataPoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.results.ResultStore;
import io.smallrye.mutiny.Uni;

/**
 * Change reports of a test: reads the stored series and runs change detection on the detection pool.
 * The report is Nyrkio's shape: {@code {}} without data, {@code {"<test>": [groups]}} otherwise.
 */
@ApplicationScoped
public class ChangeService {

    private static final Logger LOG = Logger.getLogger(ChangeService.class);
    private static final long SLOW_ANALYSIS_MILLIS = 1000;

    private final ResultStore results;
    private final DetectionExecutor executor;

    ChangeService(ResultStore results, DetectionExecutor executor) {
        this.results = results;
        this.executor = executor;
    }

    /** The report of the whole series as stored now. */
    public Uni<Map<String, Object>> report(ObjectId owner, String testName) {
        return results.series(owner, testName)
                .chain(docs -> executor.submit(() -> analyse(testName, docs)));
    }

    /**
     * The report after a write that has already been stored. A failure here must not turn the stored
     * upload into an error: the client gets 200 with what is known and a warning.
     */
    public Uni<Map<String, Object>> reportAfterWrite(ObjectId owner, String testName) {
        return report(owner, testName).onFailure().recoverWithItem(e -> {
            String reason = e instanceof DetectionBusyException ? "change detection is busy"
                    : "change detection failed (" + e.getClass().getSimpleName() + ")";
            LOG.warnf(e, "Report of %s after a stored write: %s", testName, reason);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put(testName, List.of());
            report.put("warnings", List.of("The results are stored, but " + reason
                    + "; GET /api/v0/result/{name}/changes gives the report later"));
            return report;
        });
    }

    private Map<String, Object> analyse(String testName, List<Document> docs) {
        long started = System.nanoTime();
        List<DataPoint> points = new ArrayList<>(docs.size());
        for (Document doc : docs) {
            points.add(toDataPoint(doc));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        ChangeReport.build(points, Set.of(), DetectionOptions.NYRKIO_DEFAULTS)
                .ifPresent(groups -> report.put(testName, groups));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > SLOW_ANALYSIS_MILLIS) {
            LOG.infof("Slow change detection: %s, %d points, %d ms", testName, docs.size(), millis);
        } else {
            LOG.debugf("Change detection: %s, %d points, %d ms", testName, docs.size(), millis);
        }
        return report;
    }

    /** A stored point as the engine sees it; report attributes in Nyrkio's order (branch, git_repo, git_commit). */
    static DataPoint toDataPoint(Document doc) {
        Document stored = doc.get("attributes", Document.class);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("branch", stored.getString("branch"));
        attributes.put("git_repo", stored.getString("git_repo"));
        attributes.put("git_commit", stored.getString("git_commit"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Document metric : doc.getList("metrics", Document.class)) {
            Object value = metric.get("value");
            metrics.putIfAbsent(metric.getString("name"), value instanceof Number n ? n.doubleValue() : null);
        }
        return new DataPoint(((Number) doc.get("timestamp")).longValue(), attributes, metrics);
    }

}
