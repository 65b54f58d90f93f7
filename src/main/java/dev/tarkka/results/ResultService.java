package dev.tarkka.results;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.changes.ChangePointCache;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.error.ApiException;
import dev.tarkka.summaries.SummaryService;
import io.smallrye.mutiny.Uni;

/**
 * The results API's orchestration: validate the whole upload, store it, and only then analyse. Each
 * step is reactive; the analysis itself runs on the detection pool.
 */
@ApplicationScoped
public class ResultService {

    private static final Logger LOG = Logger.getLogger(ResultService.class);

    private final ResultStore store;
    private final ChangeService changes;
    private final ChangePointCache cache;
    private final SummaryService summaries;

    ResultService(ResultStore store, ChangeService changes, ChangePointCache cache, SummaryService summaries) {
        this.store = store;
        this.changes = changes;
        this.cache = cache;
        this.summaries = summaries;
    }

    public Uni<List<Map<String, String>>> testNames(ObjectId owner) {
        return store.testNames(owner).map(names -> names.stream().map(name -> Map.of("test_name", name)).toList());
    }

    public Uni<List<Map<String, Object>>> series(ObjectId owner, String testName) {
        return store.series(owner, TestNames.require(testName))
                .map(docs -> docs.stream().map(ResultDocuments::toApi).toList())
                .chain(points -> points.isEmpty() ? Uni.createFrom().failure(ApiException.notFound())
                        : Uni.createFrom().item(points));
    }

    /** Stores new points (all or none), then answers the change report of the whole series. */
    public Uni<Map<String, Object>> add(ObjectId owner, String testName, JsonNode body) {
        TestNames.require(testName);
        List<ResultInput> results = ResultParser.parse(body);
        if (results.isEmpty()) {
            return Uni.createFrom().failure(ApiException.badRequest("Invalid data: the body holds no results"));
        }
        return store.insert(owner, testName, results).chain(() -> analyseAfterWrite(owner, testName));
    }

    /** Stores points, replacing those with the same key, then answers the change report. */
    public Uni<Map<String, Object>> replace(ObjectId owner, String testName, JsonNode body) {
        TestNames.require(testName);
        List<ResultInput> results = ResultParser.parse(body);
        Uni<Void> stored = results.isEmpty() ? Uni.createFrom().voidItem() : store.upsert(owner, testName, results);
        return stored.chain(() -> analyseAfterWrite(owner, testName));
    }

    /**
     * The report and the summary after a write that is already stored. A failure here must not turn the
     * stored write into an error: the client gets 200 with a warning, and reads recompute what is missing.
     */
    private Uni<Map<String, Object>> analyseAfterWrite(ObjectId owner, String testName) {
        return changes.analyse(owner, testName)
                .call(analysis -> summaries.refresh(owner, analysis))
                .map(TestAnalysis::report)
                .onFailure().recoverWithItem(e -> ChangeService.afterWriteWarning(testName, e));
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return store.deleteAll(owner).chain(() -> cleanUp(summaries.forgetAll(owner), cache.deleteAll(owner)));
    }

    /** Deletes one point (with a timestamp) or the whole test; 404 when the test does not exist. */
    public Uni<Void> delete(ObjectId owner, String testName, Long timestamp) {
        TestNames.require(testName);
        return store.exists(owner, testName)
                .chain(exists -> {
                    if (!exists) {
                        return Uni.createFrom().failure(ApiException.notFound());
                    }
                    return timestamp == null ? deleteTest(owner, testName) : deletePoint(owner, testName, timestamp);
                });
    }

    private Uni<Void> deleteTest(ObjectId owner, String testName) {
        return store.deleteTest(owner, testName)
                .chain(() -> cleanUp(summaries.forget(owner, testName), cache.deleteTest(owner, testName)));
    }

    /**
     * Removes what was derived from deleted points. Only housekeeping: reads ignore summaries of tests
     * without points and the engine never trusts a cached state blindly, so a failure here is logged, not
     * answered.
     */
    private static Uni<Void> cleanUp(Uni<Void> summaries, Uni<Void> cache) {
        return Uni.combine().all().unis(summaries, cache).discardItems().onFailure().recoverWithItem(e -> {
            LOG.warnf("Derived data of deleted results not removed yet: %s", e.getMessage());
            return null;
        });
    }

    private Uni<Void> deletePoint(ObjectId owner, String testName, long timestamp) {
        return store.deletePoint(owner, testName, timestamp).chain(() -> analyseAfterWrite(owner, testName))
                .replaceWithVoid();
    }
}
