package dev.tarkka.series;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.UpdateOptions;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreErrors;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The {@code pull_tests} collection: which of an owner's tests have pull-request points, one row a test, so that the
 * owner's test list is read from small per-test records (this and the series heads) instead of every point. A row
 * is written after a pull request's points, before they are acknowledged, and removed when its test has none left.
 */
@ApplicationScoped
class PullTests implements IndexedCollection {

    private final StoreNames store;
    /** Every test with pull-request points has a row: the backfill of points stored before rows existed is done. */
    private volatile boolean complete;

    PullTests(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.PULL_TESTS;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST);
    }

    private ReactiveMongoCollection<Document> rows() {
        return store.collection(StoreNames.PULL_TESTS);
    }

    private static Document id(ObjectId owner, String testName) {
        return new Document(Ownership.USER_ID, owner).append(Ownership.TEST_NAME, testName);
    }

    boolean complete() {
        return complete;
    }

    void completed(boolean done) {
        complete = done;
    }

    Uni<Void> record(ObjectId owner, String testName) {
        return rows().updateOne(Filters.eq("_id", id(owner, testName)),
                Updates.combine(Updates.setOnInsert(Ownership.USER_ID, owner), Updates.setOnInsert(Ownership.TEST_NAME, testName)),
                new UpdateOptions().upsert(true))
                .onFailure(StoreErrors::isDuplicateKey).retry().atMost(1)
                .replaceWithVoid();
    }

    /** The owner's tests with a row. */
    Uni<List<String>> names(ObjectId owner) {
        return rows().find(Ownership.of(owner)).map(doc -> doc.getString(Ownership.TEST_NAME)).collect().asList();
    }

    /** Removes the test's row when {@code stillHasPoints} says its pull requests have no point left. */
    Uni<Void> forgetUnless(ObjectId owner, String testName, Uni<Boolean> stillHasPoints) {
        return stillHasPoints.chain(has -> has ? Uni.createFrom().voidItem()
                : rows().deleteOne(Filters.eq("_id", id(owner, testName))).replaceWithVoid());
    }

    Uni<Void> forget(ObjectId owner, String testName) {
        return rows().deleteOne(Filters.eq("_id", id(owner, testName))).replaceWithVoid();
    }

    Uni<Void> forgetAll(ObjectId owner) {
        return rows().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }

    /** Gives every test with pull-request points a row; answers how many tests. */
    Uni<Long> backfill() {
        return store.collection(StoreNames.RESULTS).aggregate(List.of(
                Aggregates.match(Filters.exists(PointCodec.PULL_REQUEST, true)),
                Aggregates.group(new Document("owner", "$" + Ownership.USER_ID).append("test", "$" + Ownership.TEST_NAME))))
                .onItem().transformToUniAndConcatenate(group -> {
                    Document key = group.get("_id", Document.class);
                    return record(key.get("owner", ObjectId.class), key.getString("test"));
                })
                .collect().with(Collectors.counting());
    }
}
