package dev.tarkka.series;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreErrors;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The stored data points of every test. Works without transactions: writes are single-document atomic, the
 * compound {@code _id} decides uniqueness, and a rejected upload leaves nothing behind. Reads answer typed
 * {@link StoredPoint}s; the document layout stays in {@link PointCodec}.
 */
@ApplicationScoped
public class SeriesStore implements IndexedCollection {

    /** Series order: by timestamp, ties by key, the same on every read. */
    private static final Bson SERIES_ORDER = Sorts.ascending(PointCodec.TIMESTAMP, PointCodec.ID);
    /**
     * Points fetched by one query of their keys: the embedded store checks each point it finds against every key,
     * so a query of a whole chunk's keys would cost a million comparisons, one of 32 a thousand.
     */
    private static final int POINTS_PER_READ = 32;

    private final StoreNames store;
    private final SeriesState state;
    private final SeriesHeads heads;
    private final PullTests pullTests;

    SeriesStore(StoreNames store, SeriesState state, SeriesHeads heads, PullTests pullTests) {
        this.store = store;
        this.state = state;
        this.heads = heads;
        this.pullTests = pullTests;
    }

    @Override
    public String collection() {
        return StoreNames.RESULTS;
    }

    /**
     * A test's series in order (also the owner's test list, stamps and deletes: its prefixes), and an owner's
     * pull-request points.
     */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(Ownership.USER_ID, Ownership.TEST_NAME, PointCodec.TIMESTAMP)),
                new IndexModel(Indexes.ascending(Ownership.USER_ID, PointCodec.PULL_REQUEST)));
    }

    private ReactiveMongoCollection<Document> results() {
        return store.collection(StoreNames.RESULTS);
    }

    /**
     * Inserts all points or none: a duplicate (in the upload or against stored data) fails with
     * {@link DuplicateResultException} after the points this call inserted before it are removed again.
     */
    public Uni<Void> insert(ObjectId owner, String testName, List<ResultInput> results) {
        return insert(owner, testName, results, null);
    }

    /** As {@link #insert(ObjectId, String, List)}, for the points of a pull request when {@code pullRequest} is set. */
    public Uni<Void> insert(ObjectId owner, String testName, List<ResultInput> results, Integer pullRequest) {
        Instant now = now();
        List<Document> docs = new ArrayList<>(results.size());
        Set<Document> keys = new HashSet<>();
        for (ResultInput result : results) {
            Document doc = PointCodec.toDocument(owner, testName, result, now, pullRequest);
            Document key = doc.get(PointCodec.ID, Document.class);
            if (!keys.add(key)) {
                return Uni.createFrom().failure(new DuplicateResultException(key));
            }
            docs.add(doc);
        }
        Uni<Void> insert = results().insertMany(docs)
                .replaceWithVoid()
                .onFailure(StoreErrors::isDuplicateKey).recoverWithUni(e -> undoPartialInsert(docs, e))
                .onFailure(e -> !(e instanceof DuplicateResultException)).call(e -> forget(docs));
        if (pullRequest != null) {
            return ofPullRequest(owner, testName, insert); // a pull request's points are not part of the test's series
        }
        return state.written(owner, testName, insert.replaceWith(true), results, now);
    }

    /**
     * Runs {@code write} of a pull request's points, then writes the test's pull-request row before the write is
     * answered, so that a test is listed only with points. A duplicate means the test has pull-request points: the
     * row is written then too, so a client that retries an upload it got no answer to (the service went away
     * between the two writes) also gets its test listed.
     */
    private Uni<Void> ofPullRequest(ObjectId owner, String testName, Uni<Void> write) {
        return write.call(() -> pullTests.record(owner, testName))
                .onFailure(DuplicateResultException.class).call(e -> pullTests.record(owner, testName));
    }

    private Uni<Boolean> hasPullPoints(ObjectId owner, String testName) {
        return results().find(Filters.and(Ownership.ofTest(owner, testName), Filters.exists(PointCodec.PULL_REQUEST, true)),
                new FindOptions().projection(new Document(PointCodec.ID, 1)).limit(1)).collect().first().map(Objects::nonNull);
    }

    /** Upserts every point by its key: a repeated upload replaces the stored values. */
    public Uni<Void> upsert(ObjectId owner, String testName, List<ResultInput> results) {
        return upsert(owner, testName, results, null);
    }

    /** As {@link #upsert(ObjectId, String, List)}, for the points of a pull request when {@code pullRequest} is set. */
    public Uni<Void> upsert(ObjectId owner, String testName, List<ResultInput> results, Integer pullRequest) {
        Instant now = now();
        List<WriteModel<Document>> writes = new ArrayList<>(results.size());
        for (ResultInput result : results) {
            Document doc = PointCodec.toDocument(owner, testName, result, now, pullRequest);
            writes.add(new ReplaceOneModel<>(Filters.eq(PointCodec.ID, doc.get(PointCodec.ID)), doc,
                    new ReplaceOptions().upsert(true)));
        }
        Uni<BulkWriteResult> upsert = results().bulkWrite(writes);
        if (pullRequest != null) {
            return ofPullRequest(owner, testName, upsert.replaceWithVoid());
        }
        // only new points can extend the series' columns; a replaced one changes what is in them
        return state.written(owner, testName, upsert.map(result -> result.getUpserts().size() == results.size()),
                results, now);
    }

    /**
     * The test's own points by timestamp (pull-request points are not part of it), as they are read: a page of
     * them when {@code since} (the oldest timestamp) or {@code limit} is given. Ties are broken by the key so every
     * read sees the same order.
     */
    public Multi<StoredPoint> points(ObjectId owner, String testName, Long since, Integer limit) {
        Multi<StoredPoint> points = state.keys(owner, testName, since).onItem().transformToMulti(keys -> keys == null
                ? query(owner, testName, since, limit)
                : keys.onItem().transformToMultiAndConcatenate(this::byKeys));
        return limit == null ? points : points.select().first(limit);
    }

    /**
     * The points with these keys, in series order, a few at a time: the primary key finds them on any store (the
     * embedded one scans and sorts the whole collection in memory for any other filter).
     */
    private Multi<StoredPoint> byKeys(List<Document> keys) {
        return Multi.createFrom().iterable(keys).group().intoLists().of(POINTS_PER_READ)
                .onItem().transformToMultiAndConcatenate(batch -> results().find(Filters.in(PointCodec.ID, batch),
                        new FindOptions().sort(SERIES_ORDER).projection(PointCodec.POINT_FIELDS)))
                .map(PointCodec::fromDocument);
    }

    private Multi<StoredPoint> query(ObjectId owner, String testName, Long since, Integer limit) {
        Bson filter = since == null ? ownSeries(owner, testName)
                : Filters.and(ownSeries(owner, testName), Filters.gte(PointCodec.TIMESTAMP, since));
        FindOptions options = new FindOptions().sort(SERIES_ORDER).projection(PointCodec.POINT_FIELDS);
        return results().find(filter, limit == null ? options : options.limit(limit)).map(PointCodec::fromDocument);
    }

    /**
     * The test's own points up to and including {@code cutoff}: what a pull request is compared with; only those of
     * one repository and branch when {@code only} is given.
     */
    public Multi<StoredPoint> history(ObjectId owner, String testName, long cutoff, RepoBranch only) {
        return results().find(upTo(owner, testName, cutoff, only),
                new FindOptions().sort(SERIES_ORDER).projection(PointCodec.POINT_FIELDS)).map(PointCodec::fromDocument);
    }

    /**
     * The test's own series in columns, for analysis: from its chunks when they are current, else read from the
     * points (without extra_info, never held as documents) and its chunks rebuilt.
     */
    public Uni<StoredSeries> series(ObjectId owner, String testName) {
        return state.series(owner, testName, () -> columns(ownSeries(owner, testName)));
    }

    /** {@link #history} in columns. */
    public Uni<StoredSeries.Builder> seriesUpTo(ObjectId owner, String testName, long cutoff, RepoBranch only) {
        return builder(upTo(owner, testName, cutoff, only));
    }

    private static Bson upTo(ObjectId owner, String testName, long cutoff, RepoBranch only) {
        Bson filter = Filters.and(ownSeries(owner, testName), Filters.lte(PointCodec.TIMESTAMP, cutoff));
        return only == null ? filter : Filters.and(filter, Filters.eq(PointCodec.GIT_REPO, only.gitRepo()),
                Filters.eq(PointCodec.BRANCH, only.branch()));
    }

    Uni<StoredSeries> columns(Bson filter) {
        return builder(filter).map(StoredSeries.Builder::build);
    }

    private Uni<StoredSeries.Builder> builder(Bson filter) {
        return results().find(filter, new FindOptions().sort(SERIES_ORDER).projection(PointCodec.SERIES_FIELDS))
                .collect().in(() -> new StoredSeries.Builder(0), PointCodec::addTo);
    }

    private static Bson ownSeries(ObjectId owner, String testName) {
        return Filters.and(Ownership.ofTest(owner, testName), Filters.exists(PointCodec.PULL_REQUEST, false));
    }

    /**
     * The newest point of the test uploaded for the pull request (at {@code commit}, when given), or null.
     * {@code repo} is the short {@code owner/name}, matched case-insensitively against the end of the points'
     * repository URL, whatever its host.
     */
    public Uni<StoredPoint> pullPoint(ObjectId owner, String testName, int pullRequest, String repo, String commit) {
        Bson filter = Filters.and(Ownership.ofTest(owner, testName), ofPull(pullRequest, repo));
        if (commit != null) {
            filter = Filters.and(filter, Filters.eq(PointCodec.GIT_COMMIT, commit));
        }
        return results().find(filter, new FindOptions()
                .sort(Sorts.descending(PointCodec.TIMESTAMP, PointCodec.ID))
                .projection(PointCodec.POINT_FIELDS).limit(1))
                .map(PointCodec::fromDocument)
                .collect().first();
    }

    /** The names of the tests the pull request has points for at {@code commit}, sorted. */
    public Uni<List<String>> pullTestNames(ObjectId owner, int pullRequest, String repo, String commit) {
        return results().distinct(PointCodec.TEST_NAME, Filters.and(Ownership.of(owner), ofPull(pullRequest, repo),
                Filters.eq(PointCodec.GIT_COMMIT, commit)), String.class)
                .collect().asList()
                .map(names -> names.stream().sorted().toList());
    }

    /** Every pull request of the owner, one entry per repository, branch, commit and number, newest number first. */
    public Uni<List<PullEntry>> pulls(ObjectId owner) {
        List<Bson> pipeline = List.of(
                Aggregates.match(Filters.and(Ownership.of(owner), Filters.exists(PointCodec.PULL_REQUEST, true))),
                Aggregates.group(new Document("git_repo", "$" + PointCodec.GIT_REPO)
                        .append("branch", "$" + PointCodec.BRANCH)
                        .append("git_commit", "$" + PointCodec.GIT_COMMIT)
                        .append("pull_request", "$" + PointCodec.PULL_REQUEST),
                        Accumulators.push("test_names", "$" + PointCodec.TEST_NAME)));
        return results().aggregate(pipeline)
                .map(doc -> {
                    Document key = doc.get("_id", Document.class);
                    return new PullEntry(key.getString("git_repo"), key.getString("branch"),
                            key.getString("git_commit"), ((Number) key.get("pull_request")).intValue(),
                            doc.getList("test_names", String.class).stream().distinct().toList());
                })
                .collect().asList()
                .map(entries -> entries.stream()
                        .sorted(Comparator.comparingInt(PullEntry::pullNumber).reversed())
                        .toList());
    }

    /** Deletes every point of the pull request in that repository, whatever its test; answers how many. */
    public Uni<Long> deletePull(ObjectId owner, int pullRequest, String repo) {
        Bson pull = Filters.and(Ownership.of(owner), ofPull(pullRequest, repo));
        return results().distinct(PointCodec.TEST_NAME, pull, String.class).collect().asList()
                .chain(tests -> results().deleteMany(pull).call(() -> Multi.createFrom().iterable(tests)
                        .onItem().transformToUniAndConcatenate(test -> pullTests.forgetUnless(owner, test,
                                hasPullPoints(owner, test)))
                        .collect().last()))
                .map(r -> r.getDeletedCount());
    }

    private static Bson ofPull(int pullRequest, String repo) {
        String suffix = "(^|/)" + Pattern.quote(repo.toLowerCase(Locale.ROOT)) + "$";
        return Filters.and(Filters.eq(PointCodec.PULL_REQUEST, pullRequest), Filters.regex(PointCodec.GIT_REPO, suffix));
    }

    /** Whether the owner has any point of the test, pull-request points included (api.md §4.3). */
    public Uni<Boolean> exists(ObjectId owner, String testName) {
        return state.hasPoints(owner, testName).chain(known -> known != null ? Uni.createFrom().item(known)
                : results().find(Ownership.ofTest(owner, testName), new FindOptions().limit(1)).collect().first()
                        .map(doc -> doc != null));
    }

    public Uni<List<String>> testNames(ObjectId owner) {
        if (!heads.listsEveryTest() || !pullTests.complete()) {
            return results().distinct(PointCodec.TEST_NAME, Ownership.of(owner), String.class)
                    .collect().asList()
                    .map(names -> names.stream().sorted().toList());
        }
        // From the per-test records: a head that counts points and is current, or a pull-request row, lists a test;
        // a head that cannot tell (written to, or emptied, since it counted) is checked against the points.
        return Uni.combine().all().unis(heads.all(owner), pullTests.names(owner)).asTuple().chain(records -> {
            Set<String> names = new TreeSet<>(records.getItem2());
            List<String> unsure = new ArrayList<>();
            records.getItem1().forEach((name, head) -> {
                if (head.count() > 0 && !head.stale()) {
                    names.add(name);
                } else if (!names.contains(name)) {
                    unsure.add(name);
                }
            });
            return Multi.createFrom().iterable(unsure)
                    .onItem().transformToUniAndConcatenate(name -> results().find(ownSeries(owner, name),
                            new FindOptions().projection(new Document(PointCodec.ID, 1)).limit(1)).collect().first()
                            .map(point -> point == null ? null : name))
                    .filter(Objects::nonNull)
                    .collect().in(() -> names, Set::add)
                    .map(List::copyOf);
        });
    }

    /**
     * The newest point of each of the owner's tests (pull-request points aside), by test name in no order; of points
     * with the same newest timestamp, any one.
     */
    public Uni<Map<String, StoredPoint>> newestPoints(ObjectId owner) {
        if (heads.listsEveryTest()) {
            return state.newestPoints(owner, test -> results().find(ownSeries(owner, test), new FindOptions()
                    .sort(Sorts.descending(PointCodec.TIMESTAMP, PointCodec.ID)).projection(PointCodec.POINT_FIELDS).limit(1))
                    .map(PointCodec::fromDocument).collect().first());
        }
        List<Bson> pipeline = List.of(
                Aggregates.match(Filters.and(Ownership.of(owner), Filters.exists(PointCodec.PULL_REQUEST, false))),
                // the order of the (user_id, test_name, timestamp) index: MongoDB sorts nothing in memory
                Aggregates.sort(Sorts.ascending(PointCodec.TEST_NAME, PointCodec.TIMESTAMP)),
                Aggregates.group("$" + PointCodec.TEST_NAME, Accumulators.last("point", "$$ROOT")));
        return results().aggregate(pipeline).collect().asMap(doc -> doc.getString("_id"),
                doc -> PointCodec.fromDocument(doc.get("point", Document.class)));
    }

    /**
     * The stamp of every test of the owner whose name starts with {@code namePrefix} (all when null), read from the
     * tests' heads, not from their points.
     */
    public Uni<Map<String, SeriesStamp>> stamps(ObjectId owner, String namePrefix) {
        return state.stamps(owner, namePrefix);
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return state.deletingAll(owner, results().deleteMany(Ownership.of(owner)).replaceWithVoid())
                .call(() -> pullTests.forgetAll(owner));
    }

    /** Deletes the test's points; its head and chunks go too (at once: a deleted test counts toward no limit). */
    public Uni<Void> deleteTest(ObjectId owner, String testName) {
        return state.deleting(owner, testName, results().deleteMany(Ownership.ofTest(owner, testName)).replaceWithVoid())
                .call(() -> pullTests.forget(owner, testName))
                .chain(() -> series(owner, testName)).replaceWithVoid();
    }

    /** Deletes one point of the test's own series (never a pull request's point) at {@code timestamp}. */
    public Uni<Void> deletePoint(ObjectId owner, String testName, long timestamp) {
        return state.written(owner, testName, results().deleteOne(Filters.and(ownSeries(owner, testName),
                Filters.eq(PointCodec.TIMESTAMP, timestamp))).replaceWith(false), List.of(), now());
    }

    private Uni<Void> undoPartialInsert(List<Document> docs, Throwable failure) {
        int failedAt = failedIndex(failure);
        Document duplicateKey = docs.get(failedAt).get(PointCodec.ID, Document.class);
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
        List<Object> ids = docs.stream().map(d -> d.get(PointCodec.ID)).toList();
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : results().deleteMany(Filters.in(PointCodec.ID, ids)).replaceWithVoid();
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
