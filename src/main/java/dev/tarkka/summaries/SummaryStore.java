package dev.tarkka.summaries;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** The {@code summaries} collection: one {@link Leaf} per test. */
@ApplicationScoped
public class SummaryStore {

    private final StoreNames store;

    SummaryStore(StoreNames store) {
        this.store = store;
    }

    private ReactiveMongoCollection<Document> summaries() {
        return store.collection(StoreNames.SUMMARIES);
    }

    /** The stored leaves of the owner's tests whose names start with {@code namePrefix} (all when null). */
    Uni<List<Leaf>> leaves(ObjectId owner, String namePrefix) {
        return summaries().find(Ownership.ofTestsUnder(owner, namePrefix)).map(Leaf::fromDocument).collect().asList();
    }

    Uni<Void> save(ObjectId owner, Leaf leaf) {
        Document doc = leaf.toDocument(owner);
        return summaries().replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true))
                .replaceWithVoid();
    }

    public Uni<Void> deleteTest(ObjectId owner, String testName) {
        return summaries().deleteMany(Ownership.ofTest(owner, testName))
                .replaceWithVoid();
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return summaries().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }
}
