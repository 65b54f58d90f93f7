package dev.tarkka.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index of the embedded store, which the wire-protocol server itself ignores (every query on such
 * fields scanned the collection, under the collection's lock). It serves a query pinning a leading part of its keys
 * to plain values ({@link QueryEqualities}) with the documents that have them; the server then checks the whole
 * query against each. Kept in memory and built from the documents when the store opens, so it never disagrees with
 * them after a crash; documents lacking a key are indexed under a missing value, as MongoDB's non-sparse indexes do.
 * Candidates come in the collection's own order, so a query answers in the same order as by a scan.
 */
final class SecondaryIndex extends Index<Object> {

    private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

    private final int width;
    private final Comparator<Object> positionOrder;
    /** One entry per document and key: its key values, then its position. */
    private final NavigableSet<Object[]> entries;

    /**
     * @param positionOrder the order of the collection's positions (its {@code _id}s), in which candidates are
     *                      answered
     */
    SecondaryIndex(String name, List<IndexKey> keys, Comparator<Object> positionOrder) {
        // sparse as far as the server is concerned: removing a document asks no position of this index
        super(name, keys, true);
        this.width = keys.size();
        this.positionOrder = positionOrder;
        this.entries = new TreeSet<>(this::compare);
    }

    private int compare(Object[] a, Object[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = i < width ? VALUES.compare(a[i], b[i]) : positionOrder.compare(a[i], b[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * Serves a query that pins the leading key and selects at most half of the entries: reading documents one by
     * one through the index and restoring the collection's order costs more than a scan when most of them match
     * (one owner's tests when the store has one owner).
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        Object[] from = from(query);
        if (from.length == 0) {
            return false;
        }
        int half = entries.size() / 2;
        int selected = 0;
        for (Object[] entry : entries.tailSet(from, true)) {
            if (compare(entry, from, from.length) != 0) {
                break;
            }
            if (++selected > half) {
                return false;
            }
        }
        return true;
    }

    /** How many leading keys the query pins to a plain non-document value (0 when it does not pin the first). */
    private int pinnedPrefix(Document query) {
        if (keys().stream().anyMatch(key -> key.contains("."))) {
            return 0;
        }
        Map<String, Object> pinned = QueryEqualities.of(query);
        int prefix = 0;
        for (String key : keys()) {
            if (!pinned.containsKey(key) || pinned.get(key) instanceof Document) {
                break;
            }
            prefix++;
        }
        return prefix;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Object[] from = from(query);
        Set<Object> positions = new TreeSet<>(positionOrder);
        for (Object[] entry : entries.tailSet(from, true)) {
            if (compare(entry, from, from.length) != 0) {
                break;
            }
            positions.add(entry[width]);
        }
        return new ArrayList<>(positions);
    }

    /** The key values the query pins, leading keys first, as the first entry they select would start. */
    private Object[] from(Document query) {
        int prefix = pinnedPrefix(query);
        if (prefix == 0) {
            return new Object[0];
        }
        Map<String, Object> pinned = QueryEqualities.of(query);
        Document probe = new Document();
        keys().subList(0, prefix).forEach(key -> probe.put(key, pinned.get(key)));
        // normalized exactly as the documents' keys are (1 and 1.0 are one key)
        KeyValue values = getKeyValues(probe).iterator().next();
        Object[] from = new Object[prefix];
        for (int i = 0; i < prefix; i++) {
            from[i] = values.get(i);
        }
        return from;
    }

    private static int compare(Object[] entry, Object[] prefix, int length) {
        for (int i = 0; i < length; i++) {
            int order = VALUES.compare(entry[i], prefix[i]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
        getKeyValues(document); // refuses parallel arrays before the document is stored
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue values : getKeyValues(document)) {
            entries.add(entry(values, position));
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = Missing.ofNullable(document.get("_id"));
        for (KeyValue values : getKeyValues(document)) {
            entries.remove(entry(values, position));
        }
        return null;
    }

    @Override
    public synchronized void checkUpdate(Document oldDocument, Document newDocument,
            MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (nullAwareEqualsKeys(oldDocument, newDocument)) {
            return;
        }
        for (KeyValue values : getKeyValues(oldDocument)) {
            entries.remove(entry(values, position));
        }
        add(newDocument, position, collection);
    }

    private Object[] entry(KeyValue values, Object position) {
        Object[] entry = new Object[width + 1];
        for (int i = 0; i < width; i++) {
            entry[i] = values.get(i);
        }
        entry[width] = position;
        return entry;
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public synchronized long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        entries.clear();
    }
}
