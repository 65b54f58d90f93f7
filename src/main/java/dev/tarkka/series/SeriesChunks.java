package dev.tarkka.series;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@code series_chunks} collection: a test's series in columns, {@value #CHUNK_POINTS} points a document
 * ({@link ChunkCodec}), in generations: a rebuild writes a new one beside the one in use, and the head switches.
 */
@ApplicationScoped
class SeriesChunks implements IndexedCollection {

    /** Points a chunk holds: an append rewrites at most one partly filled chunk of this size. */
    static final int CHUNK_POINTS = 1024;

    /** Well under MongoDB's 16 MiB document limit: a series with many or long-named metrics gets smaller chunks. */
    static final long MAX_CHUNK_BYTES = 4L << 20;
    /** Chunks fetched by one query. */
    private static final int CHUNKS_PER_READ = 8;
    /** Last chunks fetched by one query: most are partly filled. */
    private static final int LAST_CHUNKS_PER_READ = 32;

    private final StoreNames store;

    SeriesChunks(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.SERIES_CHUNKS;
    }

    /** A generation's chunks are read in order; a test's are deleted together. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(Ownership.USER_ID, Ownership.TEST_NAME, "generation", "chunk")));
    }

    private ReactiveMongoCollection<Document> chunks() {
        return store.collection(StoreNames.SERIES_CHUNKS);
    }

    private static Document id(ObjectId owner, String testName, String generation, int chunk) {
        return new Document(Ownership.USER_ID, owner).append(Ownership.TEST_NAME, testName)
                .append("generation", generation).append("chunk", chunk);
    }

    /**
     * Chunks {@code from} to {@code chunks - 1} of a generation decoded into {@code into}, point by point without
     * documents per point; answers how many points {@code into} held before the last chunk was added.
     */
    Uni<Integer> read(ObjectId owner, String testName, String generation, int from, int chunks,
            StoredSeries.Builder into) {
        int[] sealed = { into.size() };
        return stream(owner, testName, generation, from, chunks).invoke(chunk -> {
            if (chunk.getInteger("chunk") == chunks - 1) {
                sealed[0] = into.size();
            }
            ChunkCodec.decode(chunk, chunk.getDate("modified"), into);
        }).collect().last().replaceWith(() -> sealed[0]);
    }

    /** All of the generation's chunks, in order: see {@link #stream(ObjectId, String, String, int, int)}. */
    Multi<Document> stream(ObjectId owner, String testName, String generation, int chunks) {
        return stream(owner, testName, generation, 0, chunks);
    }

    /**
     * Chunks {@code from} to {@code chunks - 1} of the generation in order, a few at a time by their keys: the
     * primary key finds them on any store (the embedded one scans a collection for any other filter), and a reader
     * holds a few chunks at once.
     */
    Multi<Document> stream(ObjectId owner, String testName, String generation, int from, int chunks) {
        return Multi.createFrom().range(from, chunks).group().intoLists().of(CHUNKS_PER_READ)
                .onItem().transformToMultiAndConcatenate(numbers -> chunks().find(
                        Filters.in("_id", numbers.stream().map(chunk -> id(owner, testName, generation, chunk)).toList()),
                        new FindOptions().sort(Sorts.ascending("chunk"))));
    }

    /** The last chunk of each head's generation (heads without chunks have none), a few per query. */
    Multi<Document> lastChunks(ObjectId owner, Map<String, SeriesHeads.Head> heads) {
        List<Document> ids = heads.entrySet().stream().filter(entry -> entry.getValue().chunks() > 0)
                .map(entry -> id(owner, entry.getKey(), entry.getValue().generation(), entry.getValue().chunks() - 1))
                .toList();
        return Multi.createFrom().iterable(ids).group().intoLists().of(LAST_CHUNKS_PER_READ)
                .onItem().transformToMultiAndConcatenate(batch -> chunks().find(Filters.in("_id", batch)));
    }

    /** The last chunk of a generation (null when it has none). */
    Uni<Document> last(ObjectId owner, String testName, String generation, int chunks) {
        if (chunks == 0) {
            return Uni.createFrom().nullItem();
        }
        return chunks().find(Filters.eq("_id", id(owner, testName, generation, chunks - 1))).collect().first();
    }

    /** What {@link #write} left: the generation's chunks, and the index of the first point of its last one. */
    record Written(int chunks, int lastChunkStart) {
    }

    /**
     * Writes the points {@code [from, series.size())} of {@code series} as chunks {@code firstChunk, ...} of the
     * generation (replacing what is there). A chunk holds {@value #CHUNK_POINTS} points, or fewer when that many would
     * not fit comfortably in one document.
     */
    Uni<Written> write(ObjectId owner, String testName, String generation, StoredSeries series, int from,
            int firstChunk, Date modified) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        int chunk = firstChunk;
        int lastChunkStart = from;
        for (int start = from; start < series.size(); chunk++) {
            lastChunkStart = start;
            int points = Math.min(CHUNK_POINTS, series.size() - start);
            Document doc = ChunkCodec.encode(series, start, start + points);
            while (points > 1 && ChunkCodec.estimatedBytes(doc) > MAX_CHUNK_BYTES) {
                points /= 2;
                doc = ChunkCodec.encode(series, start, start + points);
            }
            start += points;
            Document id = id(owner, testName, generation, chunk);
            doc.append("_id", id);
            id.forEach(doc::append);
            doc.append("modified", modified);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true)));
        }
        Written written = new Written(chunk, lastChunkStart);
        return writes.isEmpty() ? Uni.createFrom().item(written) : chunks().bulkWrite(writes).replaceWith(written);
    }

    /** Deletes every generation of the test but {@code keep} (null: all of them). */
    Uni<Void> deleteOthers(ObjectId owner, String testName, String keep) {
        return chunks().deleteMany(keep == null ? Ownership.ofTest(owner, testName)
                : Filters.and(Ownership.ofTest(owner, testName), Filters.ne("generation", keep))).replaceWithVoid();
    }

    Uni<Void> deleteGeneration(ObjectId owner, String testName, String generation) {
        return chunks().deleteMany(Filters.and(Ownership.ofTest(owner, testName), Filters.eq("generation", generation)))
                .replaceWithVoid();
    }

    Uni<Void> deleteAll(ObjectId owner) {
        return chunks().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }
}
