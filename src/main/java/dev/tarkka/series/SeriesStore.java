package dev.tarkka.results;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;

import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreErrors;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Persistence of data points. Works without transactions: writes are single-document atomic, the compound
 * {@code _id} decides uniqueness, and a rejected upload leaves nothing behind.
 */
@ApplicationScoped
public class ResultStore {

    /** What reads of a series use: the bulky compound key stays on the server. */
    private static final Bson SERIES_FIELDS = Projections.fields(Projections.excludeId(),
            Projections.include(ResultDocuments.TIMESTAMP, "metrics", "attributes", "extra_info", "meta"));

    private final StoreNames store;

    ResultStore(StoreNames store) {
        this.store = store;
    }

    private ReactiveMongoCollection<Document> results() {
        return store.collection(StoreNames.RESULTS);
    }

    /**
     * Inserts all points or none: a duplicate (in the upload or against stored data) fails with
     * {@link DuplicateResultException} after the points this call inserted before it are removed again.
     */
    public Uni<Void> insert(ObjectId owner, String testName, List<ResultInput> results) {
        Instant now = now();
        List<Document> docs = new ArrayList<>(results.size());
        Set<Document> keys = new HashSet<>();
        for (ResultInput result : results) {
            Document doc = ResultDocuments.toDocument(owner, testName, result, now);
            Document key = doc.get(ResultDocuments.ID, Document.class);
            if (!keys.add(key)) {
                return Uni.createFrom().failure(new DuplicateResultException(key));
            }
            docs.add(doc);
        }
        return results().insertMany(docs)
                .replaceWithVoid()
                .onFailure(StoreErrors::isDuplicateKey).recoverWithUni(e -> undoPartialInsert(docs, e))
                .onFailure(e -> !(e instanceof DuplicateResultException)).call(e -> forget(docs));
    }

    /** Upserts every point by its key: a repeated upload replaces the stored values. */
    public Uni<Void> upsert(ObjectId owner, String testName, List<ResultInput> results) {
        Instant now = now();
        List<WriteModel<Document>> writes = new ArrayList<>(results.size());
        for (ResultInput result : results) {
            Document doc = ResultDocuments.toDocument(owner, testName, result, now);
            writes.add(new ReplaceOneModel<>(Filters.eq(ResultDocuments.ID, doc.get(ResultDocuments.ID)), doc,
                    new ReplaceOptions().upsert(true)));
        }
        return results().bulkWrite(writes).replaceWithVoid();
    }

    /** The test's points by timestamp; ties are broken by the key so every read sees the same order. */
    public Uni<List<Document>> series(ObjectId owner, String testName) {
        return results().find(Ownership.ofTest(owner, testName), new FindOptions()
                .sort(Sorts.ascending(ResultDocuments.TIMESTAMP, ResultDocuments.ID))
                .projection(SERIES_FIELDS))
                .collect().asList();
    }

    public Uni<Boolean> exists(ObjectId owner, String testName) {
        return results().find(Ownership.ofTest(owner, testName), new FindOptions().limit(1)).collect().first()
                .map(doc -> doc != null);
    }

    public Uni<List<String>> testNames(ObjectId owner) {
        return results().distinct(ResultDocuments.TEST_NAME, Ownership.of(owner), String.class)
                .collect().asList()
                .map(names -> names.stream().sorted().toList());
    }

    /**
     * The stamp of every test of the owner whose name starts with {@code namePrefix} (all when null), in one
     * aggregation. The {@code user_id, test_name} index narrows the match, but every matching document is read
     * for its {@code last_modified}.
     */
    public Uni<Map<String, SeriesStamp>> stamps(ObjectId owner, String namePrefix) {
        List<Bson> pipeline = List.of(
                Aggregates.match(Ownership.ofTestsUnder(owner, namePrefix)),
                Aggregates.group("$" + ResultDocuments.TEST_NAME, Accumulators.sum("count", 1L),
                        Accumulators.max("last_modified", "$meta.last_modified")));
        return results().aggregate(pipeline).collect().asMap(
                doc -> doc.getString("_id"),
                doc -> new SeriesStamp(((Number) doc.get("count")).longValue(), doc.getDate("last_modified")));
    }

    public Uni<Long> deleteAll(ObjectId owner) {
        return results().deleteMany(Ownership.of(owner)).map(r -> r.getDeletedCount());
    }

    public Uni<Long> deleteTest(ObjectId owner, String testName) {
        return results().deleteMany(Ownership.ofTest(owner, testName)).map(r -> r.getDeletedCount());
    }

    public Uni<Long> deletePoint(ObjectId owner, String testName, long timestamp) {
        return results().deleteOne(Filters.and(Ownership.ofTest(owner, testName), Filters.eq(ResultDocuments.TIMESTAMP, timestamp)))
                .map(r -> r.getDeletedCount());
    }

    private Uni<Void> undoPartialInsert(List<Document> docs, Throwable failure) {
        int failedAt = failedIndex(failure);
        Document duplicateKey = docs.get(failedAt).get(ResultDocuments.ID, Document.class);
        // An ordered insert stored everything before the duplicate: those points were ours, take them back.
        return delete(docs.subList(0, failedAt))
                .chain(() -> Uni.createFrom().failure(new DuplicateResultException(duplicateKey)));
    }

    /**
     * After a failed insert (the store went away mid-way, say) nothing of the upload may stay half-written:
     * the client was refused and will send it again. Best effort: if the store is still away, the delete
     * fails too, and the original failure is what the client gets.
     */
    private Uni<Void> forget(List<Document> docs) {
        return delete(docs).onFailure().recoverWithNull();
    }

    /** Deletes the given documents of this upload by their keys. */
    private Uni<Void> delete(List<Document> docs) {
        List<Object> ids = docs.stream().map(d -> d.get(ResultDocuments.ID)).toList();
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : results().deleteMany(Filters.in(ResultDocuments.ID, ids)).replaceWithVoid();
    }

    private static int failedIndex(Throwable failure) {
        if (failure instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().mapToInt(BulkWriteError::getIndex).min().orElse(0);
        }
        return 0;
    }

    /** Millisecond precision: what MongoDB stores. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
