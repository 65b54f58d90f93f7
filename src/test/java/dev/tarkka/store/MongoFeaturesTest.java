package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.tarkka.support.RealMongo;

/**
 * The MongoDB features Tarkka relies on (the README lists them, one test each), checked against the server the
 * tests use: the embedded wire-protocol server by default, a real MongoDB with {@code -Dtarkka.test.mongodb=...}.
 * Where the two differ, the difference shows here, by name, rather than somewhere in a REST test.
 */
class MongoFeaturesTest {

    static MongoServer embedded;
    static MongoClient client;
    static MongoDatabase db;
    MongoCollection<Document> c;

    @BeforeAll
    static void connect() {
        String real = RealMongo.connectionString();
        if (real == null) {
            embedded = new MongoServer(new MemoryBackend());
            var address = embedded.bind();
            real = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        client = MongoClients.create(real);
        db = client.getDatabase("tarkka-features-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void disconnect() {
        db.drop();
        client.close();
        if (embedded != null) {
            embedded.shutdownNow();
        }
    }

    @BeforeEach
    void freshCollection() {
        c = db.getCollection("c" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** The health check and the driver's handshake. */
    @Test
    void pingCommand() {
        assertThat(db.runCommand(new Document("ping", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
    }

    /** Every write: acknowledged by a majority, in the on-disk journal (the service's configured write concern). */
    @Test
    void majorityJournaledWriteConcern() {
        var durable = c.withWriteConcern(WriteConcern.MAJORITY.withJournal(true).withWTimeout(10, TimeUnit.SECONDS));
        assertThat(durable.insertOne(new Document("_id", 1)).wasAcknowledged()).isTrue();
        assertThat(c.countDocuments()).isEqualTo(1);
    }

    /** test_results: a point's key is its document _id, an embedded document; a second insert is error 11000. */
    @Test
    void compoundIdIsUniqueWithError11000() {
        Document id = new Document("git_repo", "r").append("branch", "b").append("git_commit", "c").append("test_name", "t")
                .append("timestamp", 1L).append("user_id", "u");
        c.insertOne(new Document("_id", id));
        MongoWriteException e = catchThrowableOfType(MongoWriteException.class, () -> c.insertOne(new Document("_id", id)));
        assertThat(e.getCode()).isEqualTo(11000);
        assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY);
    }

    /** Uploads: an ordered insertMany stops at the first duplicate; the points before it are stored (and undone). */
    @Test
    void orderedInsertManyStopsAtTheFirstDuplicate() {
        c.insertOne(new Document("_id", 2));
        MongoBulkWriteException e = catchThrowableOfType(MongoBulkWriteException.class,
                () -> c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3))));
        assertThat(e.getWriteErrors()).singleElement().satisfies(w -> assertThat(w.getCode()).isEqualTo(11000));
        assertThat(c.countDocuments()).isEqualTo(2); // 1 and the earlier 2; not 3
    }

    /** The outbox: an unordered insertMany stores every new entry and reports only the duplicates. */
    @Test
    void unorderedInsertManySkipsDuplicates() {
        c.insertOne(new Document("_id", 2));
        MongoBulkWriteException e = catchThrowableOfType(MongoBulkWriteException.class, () -> c.insertMany(
                List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)),
                new InsertManyOptions().ordered(false)));
        assertThat(e.getWriteErrors()).allSatisfy(w -> assertThat(w.getCode()).isEqualTo(11000));
        assertThat(c.countDocuments()).isEqualTo(3);
    }

    /** Accounts: a unique index on a field refuses a second document with 11000. */
    @Test
    void uniqueIndex() {
        c.createIndexes(List.of(new IndexModel(Indexes.ascending("email"), new IndexOptions().unique(true))));
        c.insertOne(new Document("email", "a@example.com"));
        MongoWriteException e = catchThrowableOfType(MongoWriteException.class,
                () -> c.insertOne(new Document("email", "a@example.com")));
        assertThat(e.getCode()).isEqualTo(11000);
    }

    /**
     * login_failures: a TTL index (expireAfterSeconds 0 on a date field) is accepted and listed. The expiry itself
     * is a real server's background job; Tarkka does not depend on it (it compares expires_at itself).
     */
    @Test
    void ttlIndexAndCompoundIndexes() {
        c.createIndexes(List.of(new IndexModel(Indexes.ascending("expires_at"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)),
                new IndexModel(Indexes.ascending("user_id", "test_name", "timestamp"))));
        List<Document> indexes = c.listIndexes().into(new ArrayList<>());
        assertThat(indexes).anySatisfy(i -> {
            assertThat(i.get("key", Document.class)).containsKey("expires_at");
            assertThat(i.get("expireAfterSeconds", Number.class).longValue()).isZero();
        });
        assertThat(indexes).anySatisfy(i -> assertThat(i.get("key", Document.class).keySet())
                .containsExactly("user_id", "test_name", "timestamp"));
    }

    /** Login throttle: findAndModify with upsert, $inc, $setOnInsert, returning the document after the update. */
    @Test
    void findAndModifyUpsertsAndCounts() {
        Date expires = new Date(System.currentTimeMillis() + 60_000);
        FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        Document first = c.findOneAndUpdate(Filters.eq("_id", "a@example.com"),
                Updates.combine(Updates.inc("failures", 1), Updates.setOnInsert("expires_at", expires)), after);
        Document second = c.findOneAndUpdate(Filters.eq("_id", "a@example.com"),
                Updates.combine(Updates.inc("failures", 1), Updates.setOnInsert("expires_at", new Date(0))), after);
        assertThat(first.getInteger("failures")).isEqualTo(1);
        assertThat(second.getInteger("failures")).isEqualTo(2);
        assertThat(second.getDate("expires_at")).isEqualTo(expires);
    }

    /** Outbox claims: findAndModify picks the first due entry by sort and updates it atomically. */
    @Test
    void findAndModifyWithSortClaimsTheFirstDue() {
        Date now = new Date();
        c.insertMany(List.of(new Document("_id", "late").append("status", "pending").append("due_at", new Date(now.getTime() - 1_000)),
                new Document("_id", "early").append("status", "pending").append("due_at", new Date(now.getTime() - 5_000)),
                new Document("_id", "future").append("status", "pending").append("due_at", new Date(now.getTime() + 60_000))));
        Document claimed = c.findOneAndUpdate(Filters.and(Filters.eq("status", "pending"), Filters.lte("due_at", now)),
                Updates.combine(Updates.set("worker", "w1"), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("due_at")).returnDocument(ReturnDocument.AFTER));
        assertThat(claimed.getString("_id")).isEqualTo("early");
        assertThat(claimed.getInteger("attempts")).isEqualTo(1);
    }

    /** User config: updateOne with $set and $unset, upserting. */
    @Test
    void updateWithSetUnsetAndUpsert() {
        c.updateOne(Filters.eq("user_id", "u"), new Document("$set", new Document("core", 1).append("notifiers", 2)),
                new UpdateOptions().upsert(true));
        c.updateOne(Filters.eq("user_id", "u"), new Document("$set", new Document("core", 3)).append("$unset", new Document("notifiers", "")),
                new UpdateOptions().upsert(true));
        Document doc = c.find(Filters.eq("user_id", "u")).first();
        assertThat(doc).containsEntry("core", 3).doesNotContainKey("notifiers");
        assertThat(c.countDocuments()).isEqualTo(1);
    }

    /** PUT uploads, summaries, the change-point cache, metric switches: replaceOne and bulk replaces that upsert. */
    @Test
    void replaceAndBulkReplaceUpsert() {
        c.replaceOne(Filters.eq("_id", 1), new Document("v", 1), new ReplaceOptions().upsert(true));
        c.bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", 1), new Document("v", 2), new ReplaceOptions().upsert(true)),
                new ReplaceOneModel<>(Filters.eq("_id", 2), new Document("v", 3), new ReplaceOptions().upsert(true))));
        assertThat(c.find().sort(Sorts.ascending("_id")).map(d -> d.getInteger("v")).into(new ArrayList<>())).containsExactly(2, 3);
    }

    /** Series reads: $exists false (not a pull request's point), $in, sort, limit and projections. */
    @Test
    void filtersExistsInSortLimitProjection() {
        c.insertMany(List.of(new Document("t", "a").append("ts", 3), new Document("t", "a").append("ts", 1),
                new Document("t", "a").append("ts", 2).append("pull_request", 7), new Document("t", "b").append("ts", 4)));
        assertThat(c.find(Filters.and(Filters.eq("t", "a"), Filters.exists("pull_request", false))).sort(Sorts.ascending("ts"))
                .map(d -> d.getInteger("ts")).into(new ArrayList<>())).containsExactly(1, 3);
        assertThat(c.countDocuments(Filters.exists("pull_request", true))).isEqualTo(1);
        assertThat(c.find(Filters.in("ts", List.of(1, 4))).sort(Sorts.descending("ts")).limit(1)
                .projection(Projections.fields(Projections.include("ts"), Projections.excludeId())).first())
                .isEqualTo(new Document("ts", 4));
    }

    /** Tests under a prefix: an anchored $regex with a quoted prefix ({@code \Q...\E}), as Ownership builds it. */
    @Test
    void anchoredQuotedRegex() {
        c.insertMany(List.of(new Document("n", "a.b/c"), new Document("n", "a.b/d"), new Document("n", "axb/c"),
                new Document("n", "x/a.b/c")));
        assertThat(c.countDocuments(Filters.regex("n", "^" + Pattern.quote("a.b/")))).isEqualTo(2);
        assertThat(c.countDocuments(Filters.regex("n", "acme/widgets$", "i"))).isZero();
    }

    /** Test listings: distinct with a filter. */
    @Test
    void distinctWithFilter() {
        c.insertMany(List.of(new Document("o", 1).append("n", "b"), new Document("o", 1).append("n", "a"),
                new Document("o", 1).append("n", "a"), new Document("o", 2).append("n", "z")));
        assertThat(c.distinct("n", Filters.eq("o", 1), String.class).into(new ArrayList<>())).containsExactlyInAnyOrder("a", "b");
    }

    /** Pull-request listings and summaries: $match, then $group by a document with $sum, $max and $push. */
    @Test
    void aggregateMatchGroupSumMaxPush() {
        c.insertMany(List.of(new Document("repo", "r").append("pr", 1).append("t", "x").append("m", 5),
                new Document("repo", "r").append("pr", 1).append("t", "y").append("m", 9),
                new Document("repo", "r").append("pr", 2).append("t", "x").append("m", 1),
                new Document("repo", "s").append("t", "x").append("m", 3)));
        List<Document> groups = c.aggregate(List.of(Aggregates.match(Filters.exists("pr", true)),
                Aggregates.group(new Document("repo", "$repo").append("pr", "$pr"), Accumulators.sum("count", 1L),
                        Accumulators.max("last", "$m"), Accumulators.push("tests", "$t")),
                Aggregates.sort(Sorts.ascending("_id.pr")))).into(new ArrayList<>());
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("_id", Document.class)).isEqualTo(new Document("repo", "r").append("pr", 1));
        assertThat(groups.get(0).get("count", Number.class).longValue()).isEqualTo(2);
        assertThat(groups.get(0).get("last", Number.class).intValue()).isEqualTo(9);
        assertThat(groups.get(0).getList("tests", String.class)).containsExactlyInAnyOrder("x", "y");
    }

    /** Deletes: one by filter, many by $in; counts with a filter (the driver's $match/$group count). */
    @Test
    void deletesAndCounts() {
        c.insertMany(List.of(new Document("_id", 1).append("k", "a"), new Document("_id", 2).append("k", "a"),
                new Document("_id", 3).append("k", "b")));
        assertThat(c.deleteOne(Filters.eq("k", "a")).getDeletedCount()).isEqualTo(1);
        assertThat(c.deleteMany(Filters.in("_id", List.of(2, 3))).getDeletedCount()).isEqualTo(2);
        assertThat(c.countDocuments(Filters.eq("k", "a"))).isZero();
    }
}
