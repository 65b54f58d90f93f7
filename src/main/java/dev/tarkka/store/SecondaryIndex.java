package dev.tarkka.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index of the embedded store, which the wire-protocol server itself ignores (every query on such
 * fields scanned the collection, under the collection's lock). It serves a query pinning a leading part of its keys
 * to plain values ({@link QueryEqualities}) with the documents that have them; the server then checks the whole
 * query against each. Stored in the store file beside the unique indexes, one entry per document and key (its key
 * values, then its position), so it commits with the documents and a reopened store reads it instead of rebuilding
 * it; documents lacking a key are indexed under a missing value, as MongoDB's non-sparse indexes do. Candidates come
 * in the collection's own order, so a query answers in the same order as by a scan.
 */
final class SecondaryIndex extends Index<Object> {

    private final int width;
    private final Comparator<Object> positionOrder;
    /** Keyed by value ({@link CanonicalKeyType}): a key's leading values sort before its longer ones. */
    private final MVMap<KeyValue, Boolean> entries;

    /**
     * @param positionOrder the order of the collection's documents by position (its {@code _id}s), in which
     *                      candidates are answered
     */
    SecondaryIndex(MVMap<KeyValue, Boolean> entries, String name, List<IndexKey> keys,
            Comparator<Object> positionOrder) {
        // sparse as far as the server is concerned: removing a document asks no position of this index
        super(name, keys, true);
        this.entries = entries;
        this.width = keys.size();
        this.positionOrder = positionOrder;
    }

    /**
     * Serves a query that pins the leading key and selects at most half of the entries: reading documents one by
     * one through the index and restoring the collection's order costs more than a scan when most of them match
     * (one owner's tests when the store has one owner).
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        KeyValue from = from(query);
        long half = entries.sizeAsLong() / 2;
        return from != null && selection(from).limit(half + 1).count() <= half;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        return new ArrayList<>(selection(from(query)).map(entry -> entry.get(width))
                .collect(Collectors.toCollection(() -> new TreeSet<>(positionOrder))));
    }

    /**
     * The key values the query pins to plain non-document values, as many leading keys as it pins (they sort before
     * every entry they select), or null when it does not pin the first.
     */
    private KeyValue from(Document query) {
        if (keys().stream().anyMatch(key -> key.contains("."))) {
            return null;
        }
        Map<String, Object> pinned = QueryEqualities.of(query);
        Document probe = new Document();
        for (String key : keys()) {
            if (!pinned.containsKey(key) || pinned.get(key) instanceof Document) {
                break;
            }
            probe.put(key, pinned.get(key));
        }
        if (probe.isEmpty()) {
            return null;
        }
        // normalized exactly as the documents' keys are (1 and 1.0 are one key)
        return new KeyValue(getKeyValues(probe).iterator().next().stream().limit(probe.size()).toList());
    }

    /** The entries that start with these values, in key order. */
    private Stream<KeyValue> selection(KeyValue from) {
        Spliterator<KeyValue> fromFirst = Spliterators.spliteratorUnknownSize(entries.keyIterator(from),
                Spliterator.ORDERED);
        return StreamSupport.stream(fromFirst, false).takeWhile(entry -> startsWith(entry, from));
    }

    private static boolean startsWith(KeyValue entry, KeyValue prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (CanonicalKeyType.VALUES.compare(entry.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
        getKeyValues(document); // refuses parallel arrays before the document is stored
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue values : getKeyValues(document)) {
            entries.put(entry(values, position), Boolean.TRUE);
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

    private static KeyValue entry(KeyValue values, Object position) {
        List<Object> entry = new ArrayList<>(values.size() + 1);
        values.forEach(entry::add);
        entry.add(position);
        return new KeyValue(entry);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public synchronized long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
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
