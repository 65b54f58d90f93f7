package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The {@code change_points} collection: per owner, test and options, the engine's incremental state of every
 * metric. It only ever saves work: the engine checks a state against the values it is given and recomputes
 * when they differ, so a report never depends on what this cache holds. Concurrent writers may overwrite
 * each other; whichever state survives is a valid one.
 */
@ApplicationScoped
public class ChangePointCache implements IndexedCollection {

    private final StoreNames store;

    ChangePointCache(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.CHANGE_POINTS;
    }

    /** Reads and deletes by owner and test (besides by {@code _id}). */
    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST);
    }

    private ReactiveMongoCollection<Document> cache() {
        return store.collection(StoreNames.CHANGE_POINTS);
    }

    private static Document id(ObjectId owner, String testName, DetectionOptions options) {
        return new Document("user_id", owner).append("test_name", testName).append("options", AnalysisKeys.of(options));
    }

    /** The cached states by metric; empty when nothing usable is cached. */
    public Uni<Map<String, AnalysisState>> find(ObjectId owner, String testName, DetectionOptions options) {
        return cache().find(Filters.eq("_id", id(owner, testName, options))).collect().first().map(doc -> {
            Map<String, AnalysisState> states = new LinkedHashMap<>();
            if (doc != null) {
                for (Document entry : doc.getList("states", Document.class)) {
                    AnalysisState state = AnalysisStates.fromDocument(entry.get("state", Document.class));
                    if (state != null) {
                        states.put(entry.getString("metric"), state);
                    }
                }
            }
            return states;
        });
    }

    public Uni<Void> save(ObjectId owner, String testName, DetectionOptions options, Map<String, AnalysisState> states) {
        // A list, not a map keyed by metric: metric names may contain '.' or start with '$'.
        List<Document> entries = new ArrayList<>(states.size());
        states.forEach((metric, state) -> entries.add(new Document("metric", metric)
                .append("state", AnalysisStates.toDocument(state))));
        Document id = id(owner, testName, options);
        Document doc = new Document("_id", id).append("user_id", owner).append("test_name", testName)
                .append("states", entries);
        return cache().replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true)).replaceWithVoid();
    }

    public Uni<Void> deleteTest(ObjectId owner, String testName) {
        return cache().deleteMany(Ownership.ofTest(owner, testName))
                .replaceWithVoid();
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return cache().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }
}
