package dev.tarkka.store;

import java.util.Set;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
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
        return new DurableH2Backend(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open(), sync);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
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
