package dev.tarkka.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.store.Ownership;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each test's series in columns beside its points, so that an append and an analysis read a few chunks
 * instead of every point. The points in {@code test_results} stay the truth: the columns are used only while the
 * test's head says they describe exactly those points, and rebuilt from them otherwise.
 * <ul>
 * <li>A write announces itself on the head, writes the points, then either appends them to the columns (new
 * points after the newest one, by a writer that was alone) or marks the head stale.</li>
 * <li>A read uses the columns when the head is current and nobody is writing; otherwise it reads the points and,
 * when nobody is writing, stores them as a new generation of columns, switching the head only if it did not
 * change meanwhile.</li>
 * <li>A writer that died between announcing and finishing is forgotten after
 * {@link SeriesHeads#ABANDONED_AFTER}; the head is then stale.</li>
 * </ul>
 * No transaction is needed: every step is one document, and the head's version makes the switches
 * compare-and-set.
 */
@ApplicationScoped
class SeriesState {

    private static final Logger LOG = Logger.getLogger(SeriesState.class);

    private final SeriesHeads heads;
    private final SeriesChunks chunks;
    private final OwnerLimits limits;
    private final SeriesMemory memory;
    private final SeriesCache cache;

    SeriesState(SeriesHeads heads, SeriesChunks chunks, OwnerLimits limits, SeriesMemory memory, SeriesCache cache) {
        this.cache = cache;
        this.heads = heads;
        this.chunks = chunks;
        this.limits = limits;
        this.memory = memory;
    }

    /**
     * Runs {@code write}, a write of the test's own series that answers whether it only added {@code added} (new
     * points, written at {@code modified}); keeps the columns current or marks them stale. The write's own outcome
     * is the answer: a failure to update the columns only leaves them stale.
     */
    Uni<Void> written(ObjectId owner, String testName, Uni<Boolean> write, List<ResultInput> added, Instant modified) {
        String writer = UUID.randomUUID().toString();
        return limits.checkRoom(owner, testName, added.size()).chain(() -> heads.begin(owner, testName, writer))
                .chain(before -> write
                .onFailure().call(e -> (e instanceof DuplicateResultException ? heads.release(owner, testName, writer)
                        : heads.stale(owner, testName, writer)).onFailure().recoverWithNull())
                .chain(onlyAdded -> (onlyAdded && heads.isNew(before) && distinctTimes(added)
                        ? start(owner, testName, writer, added, modified)
                        : onlyAdded && appends(before, added) ? append(owner, testName, writer, before, added, modified)
                        : heads.stale(owner, testName, writer))
                        .onFailure().recoverWithItem(e -> {
                            LOG.debugf("Columns of %s left for the next read to rebuild: %s", testName, e.getMessage());
                            return null;
                        })));
    }

    /** Whether the points extend the series at its end: all newer than its newest point, no two at one time. */
    private static boolean appends(SeriesHeads.Head before, List<ResultInput> added) {
        if (before == null || !before.usable() || !distinctTimes(added)) {
            return false;
        }
        long oldest = added.stream().mapToLong(ResultInput::timestamp).min().getAsLong();
        return before.newestTime() == null || oldest > before.newestTime();
    }

    /** Some points, no two at one time (their order would be decided by their keys). */
    private static boolean distinctTimes(List<ResultInput> added) {
        return !added.isEmpty() && added.stream().mapToLong(ResultInput::timestamp).distinct().count() == added.size();
    }

    /** The first points of a new test are its whole series: its first chunks are written from them, nothing is read. */
    private Uni<Void> start(ObjectId owner, String testName, String writer, List<ResultInput> added, Instant modified) {
        StoredSeries series = new StoredSeries.Builder(added.size())
                .addAll(added.stream().sorted(Comparator.comparingLong(ResultInput::timestamp))
                        .map(result -> new StoredPoint(result, modified, null)).toList())
                .build();
        String generation = new ObjectId().toHexString();
        return chunks.write(owner, testName, generation, series, 0, 0, Date.from(modified))
                .chain(written -> heads.started(owner, testName, writer, series, written.chunks(), generation))
                .chain(started -> started ? Uni.createFrom().voidItem()
                        : chunks.deleteGeneration(owner, testName, generation)
                                .chain(() -> heads.stale(owner, testName, writer)));
    }

    private Uni<Void> append(ObjectId owner, String testName, String writer, SeriesHeads.Head before,
            List<ResultInput> added, Instant modified) {
        // never older than the head's stamp (clocks of replicas differ), which the rewritten chunk must still carry
        Date at = before.lastModified() != null && before.lastModified().toInstant().isAfter(modified)
                ? before.lastModified() : Date.from(modified);
        List<StoredPoint> points = added.stream().sorted(Comparator.comparingLong(ResultInput::timestamp))
                .map(result -> new StoredPoint(result, at.toInstant(), null)).toList();
        return rewrite(owner, testName, before, points).chain(rewrite -> {
            StoredSeries series = rewrite.series();
            return chunks.write(owner, testName, before.generation(), series, rewrite.from(),
                    Math.max(0, before.chunks() - 1), at)
                    .chain(written -> heads.appended(owner, testName, writer, before, points.size(),
                            series.time(series.size() - 1), at, written.chunks())
                            .chain(counted -> {
                                if (!counted) {
                                    return heads.stale(owner, testName, writer);
                                }
                                if (rewrite.whole()) { // the analysis that follows then reads no chunk either
                                    cache.keep(owner, testName, new SeriesCache.Entry(before.generation(),
                                            written.chunks(), written.lastChunkStart(), series));
                                }
                                return Uni.createFrom().voidItem();
                            }));
        });
    }

    /**
     * What an append writes from the head's last chunk on: {@code series} from its point {@code from}; the whole
     * series when this process keeps it as the head describes it (the test {@link #fromColumns} uses it whole by),
     * so the last chunk is not read; otherwise that chunk, read, and the new points.
     */
    private record Rewrite(StoredSeries series, int from, boolean whole) {
    }

    private Uni<Rewrite> rewrite(ObjectId owner, String testName, SeriesHeads.Head before, List<StoredPoint> points) {
        SeriesCache.Entry kept = cache.find(owner, testName, before.generation());
        if (kept != null && kept.chunks() > 0 && kept.chunks() == before.chunks()
                && kept.series().size() == before.count()) {
            StoredSeries whole = StoredSeries.Builder
                    .startingWith(kept.series(), kept.series().size(), kept.series().size() + points.size())
                    .addAll(points).build();
            return Uni.createFrom().item(new Rewrite(whole, kept.sealedPoints(), true));
        }
        return chunks.last(owner, testName, before.generation(), before.chunks()).map(last -> {
            StoredSeries.Builder tail = new StoredSeries.Builder(SeriesChunks.CHUNK_POINTS + points.size());
            if (last != null) {
                ChunkCodec.decode(last, last.getDate("modified"), tail);
            }
            return new Rewrite(tail.addAll(points).build(), 0, false);
        });
    }

    /** The series from its columns when they are current, else from {@code fromPoints}, rebuilding the columns. */
    Uni<StoredSeries> series(ObjectId owner, String testName, Supplier<Uni<StoredSeries>> fromPoints) {
        return heads.find(owner, testName).chain(head -> {
            if (head != null && head.usable()) {
                return fromColumns(owner, testName, head).chain(series -> series != null ? Uni.createFrom().item(series)
                        : rebuild(owner, testName, head, fromPoints));
            }
            if (head != null && head.abandoned(Instant.now())) {
                return heads.forgetAbandoned(owner, testName, head).chain(() -> heads.find(owner, testName))
                        .chain(fresh -> rebuild(owner, testName, fresh, fromPoints));
            }
            return rebuild(owner, testName, head, fromPoints);
        });
    }

    /**
     * The series the head's generation holds (null when its chunks do not hold as many points as the head says):
     * from the series kept in memory when there is one of that generation, reading only the chunks from its last one
     * on; else from all of the chunks.
     */
    private Uni<StoredSeries> fromColumns(ObjectId owner, String testName, SeriesHeads.Head head) {
        SeriesCache.Entry kept = cache.find(owner, testName, head.generation());
        if (kept != null && kept.chunks() == head.chunks() && kept.series().size() == head.count()) {
            return Uni.createFrom().item(kept.series());
        }
        boolean extend = kept != null && kept.chunks() > 0 && kept.chunks() <= head.chunks()
                && kept.series().size() <= head.count();
        int from = extend ? kept.chunks() - 1 : 0;
        int known = extend ? kept.sealedPoints() : 0;
        return memory.admit((head.count() - known) * SeriesMemory.COLUMN_BYTES, () -> {
            StoredSeries.Builder builder = extend ? StoredSeries.Builder.startingWith(kept.series(), known, (int) head.count())
                    : new StoredSeries.Builder((int) head.count());
            return chunks.read(owner, testName, head.generation(), from, head.chunks(), builder)
                    .map(sealed -> {
                        StoredSeries series = builder.build();
                        if (series.size() != head.count()) {
                            return null;
                        }
                        cache.keep(owner, testName, new SeriesCache.Entry(head.generation(), head.chunks(), sealed, series));
                        return series;
                    });
        });
    }

    /**
     * The keys of the test's points at or after {@code since} (all when null) in series order, a chunk's worth at a
     * time, when its chunks list them; null when they may not (the points are then found by a query).
     */
    Uni<Multi<List<Document>>> keys(ObjectId owner, String testName, Long since) {
        return heads.find(owner, testName).map(head -> head == null || !head.listsPoints(Instant.now()) ? null
                : chunks.stream(owner, testName, head.generation(), head.chunks())
                        .map(chunk -> ChunkCodec.keys(chunk, owner, testName, since)));
    }

    /**
     * The newest point of each of the owner's tests with points of its own: from the last chunk where the head lists
     * the test's points, else from {@code fromPoints} (null when the test has none).
     */
    Uni<Map<String, StoredPoint>> newestPoints(ObjectId owner, Function<String, Uni<StoredPoint>> fromPoints) {
        return heads.all(owner).chain(all -> {
            Instant now = Instant.now();
            Map<String, SeriesHeads.Head> listed = new LinkedHashMap<>();
            List<String> unlisted = new ArrayList<>();
            all.forEach((name, head) -> {
                if (!head.listsPoints(now)) {
                    unlisted.add(name);
                } else if (head.count() > 0) {
                    listed.put(name, head);
                }
            });
            Map<String, StoredPoint> newest = new TreeMap<>();
            return chunks.lastChunks(owner, listed)
                    .invoke(chunk -> newest.put(chunk.getString(Ownership.TEST_NAME), ChunkCodec.newest(chunk)))
                    .collect().last()
                    .chain(() -> Multi.createFrom().iterable(unlisted)
                            .onItem().transformToUniAndConcatenate(name -> fromPoints.apply(name)
                                    .invoke(point -> {
                                        if (point != null) {
                                            newest.put(name, point);
                                        }
                                    }))
                            .collect().last())
                    .replaceWith(newest);
        });
    }

    /** Whether the test has points of its own by its head (null when the head cannot tell). */
    Uni<Boolean> hasPoints(ObjectId owner, String testName) {
        return heads.find(owner, testName).map(head -> head != null && head.listsPoints(Instant.now()) && head.count() > 0
                ? Boolean.TRUE : null);
    }

    private Uni<StoredSeries> rebuild(ObjectId owner, String testName, SeriesHeads.Head before,
            Supplier<Uni<StoredSeries>> fromPoints) {
        long points = before == null ? 0 : before.count();
        return memory.admit(points * SeriesMemory.DOCUMENT_BYTES, fromPoints).call(series -> {
            boolean writing = before != null && !before.pending().isEmpty();
            boolean nothing = before == null && series.isEmpty(); // no head for tests that do not exist
            return writing || nothing ? Uni.createFrom().voidItem() : persist(owner, testName, before, series);
        });
    }

    /** Stores the series as a new generation of columns and switches the head to it if it is unchanged. */
    private Uni<Void> persist(ObjectId owner, String testName, SeriesHeads.Head before, StoredSeries series) {
        String generation = new ObjectId().toHexString();
        Date modified = series.stamp().lastModified() == null ? new Date(0) : series.stamp().lastModified();
        return chunks.write(owner, testName, generation, series, 0, 0, modified)
                .chain(written -> heads.rebuilt(owner, testName, before, series, written.chunks(), generation))
                .chain(switched -> switched ? chunks.deleteOthers(owner, testName, generation)
                        : chunks.deleteGeneration(owner, testName, generation))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Columns of %s not stored: %s", testName, e.getMessage());
                    return null;
                });
    }

    Uni<Map<String, SeriesStamp>> stamps(ObjectId owner, String namePrefix) {
        return heads.stamps(owner, namePrefix);
    }

    /** Runs {@code delete} of the whole test; the next read finds it empty and drops its head and chunks. */
    Uni<Void> deleting(ObjectId owner, String testName, Uni<Void> delete) {
        cache.forget(owner, testName);
        return written(owner, testName, delete.replaceWith(false), List.of(), Instant.now());
    }

    /** Runs {@code delete} of all the owner's points; the next reads find their tests empty and drop them. */
    Uni<Void> deletingAll(ObjectId owner, Uni<Void> delete) {
        cache.forgetAll(owner);
        return heads.beginDeletingAll(owner).chain(() -> delete).chain(() -> heads.endDeletingAll(owner));
    }
}
