package dev.tarkka.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreErrors;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The {@code series_heads} collection: per test, what its stored series looks like (count, newest timestamp, newest
 * write) and which generation of {@code series_chunks} holds it in columns. Writers announce themselves
 * ({@code pending}) before they write points and either extend the chunks (an append by a lone writer) or mark the
 * head stale; readers use the chunks only when nobody is writing and nothing is stale, and rebuild them otherwise.
 * Every change bumps {@code version}, which makes each of these steps a compare-and-set.
 */
@ApplicationScoped
class SeriesHeads implements IndexedCollection {

    /** A writer that announced itself this long ago and never finished is taken for dead. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    /**
     * @param generation the chunks holding the series; null while it has none
     * @param pending    the writers at work now, with when they started
     */
    record Head(long count, int chunks, Long newestTime, Date lastModified, long version, String generation,
            boolean stale, Map<String, Date> pending) {

        boolean usable() {
            return !stale && pending.isEmpty() && generation != null;
        }

        /**
         * Whether its chunks list the test's points: they do while a writer is at work (its points are not counted
         * yet, as if the read came first), not after a write that changed more than the end of the series.
         */
        boolean listsPoints(Instant now) {
            return !stale && generation != null && !abandoned(now);
        }

        boolean abandoned(Instant now) {
            return pending.values().stream().anyMatch(since -> since.toInstant().plus(ABANDONED_AFTER).isBefore(now));
        }
    }

    private final StoreNames store;

    SeriesHeads(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.SERIES_HEADS;
    }

    /** Heads are found by their key; stamps are read by owner and test-name prefix. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST);
    }

    private ReactiveMongoCollection<Document> heads() {
        return store.collection(StoreNames.SERIES_HEADS);
    }

    static Document id(ObjectId owner, String testName) {
        return new Document(Ownership.USER_ID, owner).append(Ownership.TEST_NAME, testName);
    }

    Uni<Head> find(ObjectId owner, String testName) {
        return heads().find(Filters.eq("_id", id(owner, testName))).collect().first().map(SeriesHeads::head);
    }

    /**
     * Whether every test with points of its own has a head (the backfill of tests stored before heads existed is
     * done): a test without one then has no points, and a first write can build its chunks from what it writes.
     */
    private volatile boolean everyTestHasOne;

    void everyTestHasOne() {
        everyTestHasOne = true;
    }

    void notEveryTestHasOne() {
        everyTestHasOne = false;
    }

    boolean isNew(Head before) {
        return before == null && everyTestHasOne;
    }

    /** How many tests the owner has a head for (a test deleted a moment ago may still count until it is read). */
    Uni<Long> count(ObjectId owner) {
        return heads().countDocuments(Ownership.of(owner));
    }

    /**
     * A writer announces itself; answers the head as it was before (null when the test had none: a new head is
     * stale until the first read builds its chunks).
     */
    Uni<Head> begin(ObjectId owner, String testName, String writer) {
        Bson update = Updates.combine(Updates.set("pending." + writer, new Date()), created(owner, testName),
                Updates.setOnInsert("version", 0L));
        return heads().findOneAndUpdate(Filters.eq("_id", id(owner, testName)), update,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE))
                .onFailure(StoreErrors::isDuplicateKey).retry().atMost(1)
                .map(SeriesHeads::head);
    }

    /** Creates the test's head if it has none: stale, so that the first read builds its chunks. */
    Uni<Void> ensure(ObjectId owner, String testName) {
        return heads().updateOne(Filters.eq("_id", id(owner, testName)),
                Updates.combine(created(owner, testName), Updates.setOnInsert("version", 0L)),
                new UpdateOptions().upsert(true))
                .onFailure(StoreErrors::isDuplicateKey).retry().atMost(1)
                .replaceWithVoid();
    }

    /** The fields of a head created by a write: stale, so that the first read builds its chunks. */
    private static Bson created(ObjectId owner, String testName) {
        return Updates.combine(Updates.setOnInsert(Ownership.USER_ID, owner),
                Updates.setOnInsert(Ownership.TEST_NAME, testName), Updates.setOnInsert("count", 0L),
                Updates.setOnInsert("chunks", 0));
    }

    /** The writer appended to the chunks of {@code before}: counted in, if nothing else changed the head meanwhile. */
    Uni<Boolean> appended(ObjectId owner, String testName, String writer, Head before, long added, long newestTime,
            Date modified, int chunks) {
        return heads().updateOne(Filters.and(Filters.eq("_id", id(owner, testName)), Filters.eq("version", before.version())),
                Updates.combine(Updates.inc("count", added), Updates.set("newest_time", newestTime),
                        Updates.max("last_modified", modified), Updates.set("chunks", chunks), Updates.inc("version", 1L),
                        Updates.unset("pending." + writer)))
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * The writer of a new test's first points stored them as its first generation of chunks: the head lists them, if
     * no other writer changed it meanwhile.
     */
    Uni<Boolean> started(ObjectId owner, String testName, String writer, StoredSeries series, int chunks,
            String generation) {
        return heads().updateOne(Filters.and(Filters.eq("_id", id(owner, testName)), Filters.eq("version", 0L),
                Filters.exists("generation", false)),
                Updates.combine(Updates.set("count", (long) series.size()),
                        Updates.set("newest_time", series.time(series.size() - 1)),
                        Updates.set("last_modified", series.stamp().lastModified()), Updates.set("chunks", chunks),
                        Updates.set("generation", generation), Updates.set("stale", false), Updates.inc("version", 1L),
                        Updates.unset("pending." + writer)))
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * The writer changed the series in a way the chunks cannot follow: the next read rebuilds them. Creates the head
     * if a deletion removed it meanwhile, so that the written points stay listed.
     */
    Uni<Void> stale(ObjectId owner, String testName, String writer) {
        return heads().updateOne(Filters.eq("_id", id(owner, testName)), Updates.combine(Updates.set("stale", true),
                Updates.inc("version", 1L), Updates.unset("pending." + writer), created(owner, testName)),
                new UpdateOptions().upsert(true))
                .onFailure(StoreErrors::isDuplicateKey).retry().atMost(1)
                .replaceWithVoid();
    }

    /** The writer wrote nothing after all. */
    Uni<Void> release(ObjectId owner, String testName, String writer) {
        return heads().updateOne(Filters.eq("_id", id(owner, testName)), Updates.unset("pending." + writer))
                .replaceWithVoid();
    }

    /** Writers taken for dead are forgotten, and their unknown writes make the head stale. */
    Uni<Void> forgetAbandoned(ObjectId owner, String testName, Head before) {
        return heads().updateOne(Filters.and(Filters.eq("_id", id(owner, testName)), Filters.eq("version", before.version())),
                Updates.combine(Updates.set("pending", new Document()), Updates.set("stale", true),
                        Updates.inc("version", 1L))).replaceWithVoid();
    }

    /**
     * Points the head at a rebuilt generation of chunks, if the head is still as it was when the rebuild read the
     * series ({@code before}; null: there was no head) and nobody is writing; a test found empty loses its head
     * instead. Answers whether it did.
     */
    Uni<Boolean> rebuilt(ObjectId owner, String testName, Head before, StoredSeries series, int chunks,
            String generation) {
        Document fields = new Document("count", (long) series.size()).append("chunks", chunks)
                .append("newest_time", series.isEmpty() ? null : series.time(series.size() - 1))
                .append("last_modified", series.stamp().lastModified()).append("generation", generation)
                .append("stale", false).append("pending", new Document());
        if (before == null) {
            Document head = new Document("_id", id(owner, testName)).append(Ownership.USER_ID, owner)
                    .append(Ownership.TEST_NAME, testName).append("version", 1L);
            head.putAll(fields);
            return heads().insertOne(head).replaceWith(true).onFailure(StoreErrors::isDuplicateKey).recoverWithItem(false);
        }
        Bson unchanged = Filters.and(Filters.eq("_id", id(owner, testName)), Filters.eq("version", before.version()),
                Filters.eq("pending", new Document()));
        if (series.isEmpty()) {
            return heads().deleteOne(unchanged).map(result -> result.getDeletedCount() > 0);
        }
        List<Bson> sets = new ArrayList<>();
        fields.forEach((key, value) -> sets.add(Updates.set(key, value)));
        sets.add(Updates.inc("version", 1L));
        return heads().updateOne(unchanged, Updates.combine(sets)).map(result -> result.getModifiedCount() > 0);
    }

    /**
     * The stamp of every test of the owner whose name starts with {@code namePrefix} (all when null). A test whose
     * head is stale or being written has an {@link #UNKNOWN} stamp, which matches no summary.
     */
    Uni<Map<String, SeriesStamp>> stamps(ObjectId owner, String namePrefix) {
        return heads().find(Ownership.ofTestsUnder(owner, namePrefix)).collect().in(LinkedHashMap::new, (stamps, doc) -> {
            Head head = head(doc);
            if (!head.usable()) {
                stamps.put(doc.getString(Ownership.TEST_NAME), UNKNOWN);
            } else if (head.count() > 0) {
                stamps.put(doc.getString(Ownership.TEST_NAME), new SeriesStamp(head.count(), head.lastModified()));
            }
        });
    }

    /** Every head of the owner, by test name. */
    Uni<Map<String, Head>> all(ObjectId owner) {
        return heads().find(Ownership.of(owner)).collect()
                .in(LinkedHashMap::new, (found, doc) -> found.put(doc.getString(Ownership.TEST_NAME), head(doc)));
    }

    /** Whether every test with points of its own has a head (see {@link #isNew}). */
    boolean listsEveryTest() {
        return everyTestHasOne;
    }

    /** The stamp of a series that is being rebuilt or written, or was never read: never current. */
    static final SeriesStamp UNKNOWN = new SeriesStamp(-1, null);

    /**
     * A deletion of all the owner's points begins: every head is stale and being written, so that no read rebuilds
     * chunks from points the deletion may be removing.
     */
    Uni<Void> beginDeletingAll(ObjectId owner) {
        return heads().updateMany(Ownership.of(owner), Updates.combine(Updates.set("stale", true),
                Updates.inc("version", 1L), Updates.set("pending." + DELETING_ALL, new Date()))).replaceWithVoid();
    }

    /** The deletion of all the owner's points is over: the next reads find the tests empty and drop their heads. */
    Uni<Void> endDeletingAll(ObjectId owner) {
        return heads().updateMany(Ownership.of(owner), Updates.combine(Updates.unset("pending." + DELETING_ALL),
                Updates.inc("version", 1L))).replaceWithVoid();
    }

    private static final String DELETING_ALL = "deleting-all";

    private static Head head(Document doc) {
        if (doc == null) {
            return null;
        }
        Map<String, Date> pending = new LinkedHashMap<>();
        Document writers = doc.get("pending", Document.class);
        if (writers != null) {
            writers.forEach((writer, since) -> pending.put(writer, (Date) since));
        }
        Number newest = (Number) doc.get("newest_time");
        return new Head(((Number) doc.get("count")).longValue(), doc.getInteger("chunks", 0),
                newest == null ? null : newest.longValue(), doc.getDate("last_modified"),
                ((Number) doc.get("version")).longValue(), doc.getString("generation"),
                Boolean.TRUE.equals(doc.getBoolean("stale")), pending);
    }
}
