package dev.tarkka.store;

import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index of the embedded store (also {@code _id}'s) that serves a query pinning its keys among other
 * conditions. The wire-protocol server uses an index only for a query on exactly its keys, so {@code {_id: x,
 * version: 3}} (an optimistic update) scanned the whole collection; here it reads the one document with
 * {@code _id} x and the query is then checked against it. Stored as the server's own unique index is.
 */
final class ConjunctionUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> positions;

    ConjunctionUniqueIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        Document lookup = lookup(query);
        return lookup != null && super.canHandle(lookup);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        return super.getPositions(lookup(query));
    }

    /** The query itself when it is on exactly this index's keys, else its pinned values of them, or null. */
    private Document lookup(Document query) {
        if (query.keySet().equals(keySet())) {
            return query;
        }
        Map<String, Object> pinned = QueryEqualities.of(query);
        if (!pinned.keySet().containsAll(keySet())) {
            return null;
        }
        Document lookup = new Document();
        keys().forEach(key -> lookup.put(key, pinned.get(key)));
        return lookup;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
