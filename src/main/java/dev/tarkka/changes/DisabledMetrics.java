package dev.tarkka.changes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Metrics excluded from change detection (Nyrkio's {@code metrics} collection), one document per
 * (owner, test, metric), keyed so that disabling twice stores one document.
 */
@ApplicationScoped
public class DisabledMetrics implements IndexedCollection {

    private final StoreNames store;

    DisabledMetrics(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.DISABLED_METRICS;
    }

    /** Reads and deletes by owner and test (besides by {@code _id}). */
    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST);
    }

    private ReactiveMongoCollection<Document> metrics() {
        return store.collection(StoreNames.DISABLED_METRICS);
    }

    public Uni<Set<String>> of(ObjectId owner, String testName) {
        return metrics().find(Ownership.ofTest(owner, testName)).map(doc -> doc.getString("metric_name"))
                .collect().in(HashSet::new, Set::add);
    }

    /** Every test of the owner that has disabled metrics, with them. */
    public Uni<Map<String, Set<String>>> ofOwner(ObjectId owner) {
        return metrics().find(Ownership.of(owner)).collect().<Map<String, Set<String>>>in(HashMap::new,
                (map, doc) -> map.computeIfAbsent(doc.getString("test_name"), t -> new TreeSet<>())
                        .add(doc.getString("metric_name")));
    }

    public Uni<Void> disable(ObjectId owner, String testName, List<String> names) {
        List<ReplaceOneModel<Document>> writes = names.stream().distinct().map(name -> {
            Document id = new Document("user_id", owner).append("test_name", testName).append("metric_name", name);
            Document doc = new Document("_id", id).append("user_id", owner).append("test_name", testName)
                    .append("metric_name", name).append("is_disabled", true);
            return new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
        }).toList();
        return metrics().bulkWrite(writes).replaceWithVoid();
    }

    /** Forgets every switch of the owner (the owner is being deleted). */
    public Uni<Void> deleteAll(ObjectId owner) {
        return metrics().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }

    /** Re-enables the named metrics, or every metric of the test when none are named. */
    public Uni<Void> enable(ObjectId owner, String testName, List<String> names) {
        Bson filter = names.isEmpty() ? Ownership.ofTest(owner, testName)
                : Filters.and(Ownership.ofTest(owner, testName), Filters.in("metric_name", names));
        return metrics().deleteMany(filter).replaceWithVoid();
    }
}
