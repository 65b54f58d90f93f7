package dev.tarkka.results;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.changes.ChangeService;
import dev.tarkka.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * The results API's orchestration: validate the whole upload, store it, and only then analyse. Each
 * step is reactive; the analysis itself runs on the detection pool.
 */
@ApplicationScoped
public class ResultService {

    private final ResultStore store;
    private final ChangeService changes;

    ResultService(ResultStore store, ChangeService changes) {
        this.store = store;
        this.changes = changes;
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
        return store.insert(owner, testName, results)
                .chain(() -> changes.reportAfterWrite(owner, testName));
    }

    /** Stores points, replacing those with the same key, then answers the change report. */
    public Uni<Map<String, Object>> replace(ObjectId owner, String testName, JsonNode body) {
        TestNames.require(testName);
        List<ResultInput> results = ResultParser.parse(body);
        Uni<Void> stored = results.isEmpty() ? Uni.createFrom().voidItem() : store.upsert(owner, testName, results);
        return stored.chain(() -> changes.reportAfterWrite(owner, testName));
    }

    public Uni<Map<String, Object>> changes(ObjectId owner, String testName) {
        return changes.report(owner, TestNames.require(testName));
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return store.deleteAll(owner).replaceWithVoid();
    }

    /** Deletes one point (with a timestamp) or the whole test; 404 when the test does not exist. */
    public Uni<Void> delete(ObjectId owner, String testName, Long timestamp) {
        TestNames.require(testName);
        return store.exists(owner, testName)
                .chain(exists -> {
                    if (!exists) {
                        return Uni.createFrom().failure(ApiException.notFound());
                    }
                    return timestamp == null ? store.deleteTest(owner, testName)
                            : store.deletePoint(owner, testName, timestamp);
                })
                .replaceWithVoid();
    }
}
