package dev.tarkka.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The embedded store's backend, made to acknowledge writes only once they are in the store file. The H2 MVStore
 * under the wire-protocol server commits in the background about once a second, so without this a crash loses
 * writes that were already answered. Here every write command commits before its answer leaves, and, with
 * {@code sync}, the file is also forced to disk, so a power cut loses nothing acknowledged either.
 */
final class DurableH2Backend extends H2Backend {

    /** The commands that change data: their answer waits for the commit. */
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes", "drop",
            "dropindexes", "dropdatabase", "renamecollection", "create");

    private static final Logger LOG = Logger.getLogger(DurableH2Backend.class);

    /**
     * The store's threads yield to the service's event loops, as the service's own background pools do: with the
     * image's {@code -XX:ThreadPriorityPolicy=1} the operating system runs them at nice 4 (README, "CPU priority").
     */
    private static final int BACKGROUND_PRIORITY = Thread.MIN_PRIORITY;

    private final MVStore store;
    private final boolean sync;

    private DurableH2Backend(MVStore store, boolean sync) {
        super(store);
        this.store = store;
        this.sync = sync;
    }

    /**
     * Opens the store file with a page cache of {@code cacheMegabytes}; background commits stay on for the
     * store's own housekeeping (freeing old chunks).
     */
    static DurableH2Backend open(String file, int cacheMegabytes, boolean sync) {
        // the threads H2 starts for writing and housekeeping inherit the priority of the thread that starts them:
        // a background thread for the open, a command's thread (lowered in handleCommand) after it. Not the caller
        // lowered and restored: without privileges a priority once lowered cannot be raised again, and every thread
        // the caller started afterwards would inherit the low one.
        FutureTask<DurableH2Backend> opening =
                new FutureTask<>(() -> openAtCurrentPriority(file, cacheMegabytes, sync));
        Thread opener = new Thread(opening, "tarkka-store-open");
        opener.setDaemon(true);
        opener.setPriority(BACKGROUND_PRIORITY);
        opener.start();
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while opening the embedded store " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Cannot open the embedded store " + file, e.getCause());
        }
    }

    private static DurableH2Backend openAtCurrentPriority(String file, int cacheMegabytes, boolean sync) {
        MVStore store = new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open();
        if (sync) {
            // H2 keeps replaced chunks 45 s in case the disk reorders writes; forced after every commit, they need
            // not wait. With a commit per write they piled up: a 983 MB file after 6,000 uploads (36 MB now), and
            // a chunk map every commit rewrote. Readers are safe: each command pins the version it reads.
            store.getFileStore().setRetentionTime(0);
        }
        sortKeysByValue(store);
        return new DurableH2Backend(store, sync);
    }

    /** Maps keyed by documents or index keys: each collection's documents and each unique index. */
    private static boolean keyedByValue(String mapName) {
        return mapName.startsWith(DATA_MAPS) || mapName.contains(INDEX_MAPS);
    }

    private static final String DATA_MAPS = "databases.";
    private static final String INDEX_MAPS = "._index_";
    private static final String KEY_ORDER = "tarkka.key-order";

    /**
     * Opens every map keyed by documents with {@link BsonStoredType}, re-sorting those a file written before it
     * holds in the old order (once: the file then records its key order). Keys the old order had stored twice
     * are kept once, the newer copy winning, and counted in the log.
     */
    private static void sortKeysByValue(MVStore store) {
        MVMap<String, String> meta = store.openMap(KEY_ORDER);
        boolean sorted = "value".equals(meta.get("order"));
        for (String name : List.copyOf(store.getMapNames())) {
            if (!keyedByValue(name)) {
                continue;
            }
            if (sorted) {
                openByValue(store, name);
                continue;
            }
            MVMap<Object, Object> old = store.openMap(name);
            MVMap<Object, Object> resorted = openByValue(store, name + ".resorting");
            resorted.clear();
            long entries = 0;
            for (var entry : old.entrySet()) {
                resorted.put(entry.getKey(), entry.getValue());
                entries++;
            }
            if (entries != resorted.sizeAsLong()) {
                LOG.warnf("Embedded store: %s held %d entries under equal keys; kept the last of each",
                        name, entries - resorted.sizeAsLong());
            }
            store.removeMap(old);
            store.renameMap(resorted, name);
        }
        meta.put("order", "value");
        store.commit();
    }

    private static <K, V> MVMap<K, V> openByValue(MVStore store, String name) {
        return store.openMap(name,
                new MVMap.Builder<K, V>().keyType(new BsonStoredType()).valueType(new BsonStoredType()));
    }

    /** New collections and indexes get maps keyed by value too. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new ValueKeyedDatabase(databaseName);
    }

    /**
     * Opens each map the H2 backend is about to open by name with {@link BsonStoredType} first: the store then
     * hands the backend that map. Indexes serve queries that pin their keys among other conditions
     * ({@link ConjunctionUniqueIndex}), and non-unique ones exist ({@link SecondaryIndex}). (An inner class: the
     * backend opens its databases while it is being constructed.)
     */
    private final class ValueKeyedDatabase extends H2Database {

        ValueKeyedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new ConjunctionUniqueIndex(
                    openByValue(getMvStore(), getFullCollectionNamespace(collectionName) + INDEX_MAPS + indexName),
                    indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            String collection = getFullCollectionNamespace(collectionName);
            MVMap<KeyValue, Boolean> entries = openByValue(getMvStore(), collection + INDEX_MAPS + indexName);
            MVMap<Object, Object> documents = openByValue(getMvStore(), DATA_MAPS + collection);
            if (!inUse(collectionName, indexName) && entries.sizeAsLong() != documents.sizeAsLong()) {
                // opened from the file and not one entry per document: written to by a version that kept no such
                // index (or a key holds lists); the server builds an empty index from the documents
                entries.clear();
            }
            return new SecondaryIndex(entries, indexName, keys, documents.getKeyType()::compare);
        }

        /**
         * Whether the collection already serves queries with this index: declaring an index again (every start does)
         * opens its map once more, and that map must then be left as it is.
         */
        private boolean inUse(String collectionName, String indexName) {
            MongoCollection<Object> open = resolveCollection(collectionName, false);
            return open != null && open.getIndexes().stream().anyMatch(index -> index.getName().equals(indexName));
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            openByValue(getMvStore(), DATA_MAPS + getFullCollectionNamespace(collectionName));
            return super.openOrCreateCollection(collectionName, options);
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        // the store's worker threads (Netty's, created at normal priority) do the store's CPU work: in-process it
        // competes with the service's event loops, which go first. Lowered for good: these threads do nothing else.
        Thread worker = Thread.currentThread();
        if (worker.getPriority() != BACKGROUND_PRIORITY) {
            worker.setPriority(BACKGROUND_PRIORITY);
        }
        // pins the version the command reads: with a commit per write, the pages of a version a long scan is
        // still reading would otherwise be freed and overwritten under it after a few commits
        MVStore.TxCounter reading = store.registerVersionUsage();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            store.deregisterVersionUsage(reading);
            // also after a failed write: part of it may have been applied (an ordered insert up to a duplicate)
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                store.commit();
                if (sync) {
                    store.sync();
                }
            }
        }
    }
}
