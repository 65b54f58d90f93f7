package dev.tarkka.store;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The key order of the embedded store's collections and unique indexes: documents (a compound {@code _id}) and
 * index keys compare by value, as MongoDB compares them. H2's default compares such keys by their Java-serialized
 * bytes, which depend on how each map inside them was built and whether it was read back from the file: a document
 * stored under one key was then no longer found by an equal one, and an upsert of it inserted a second copy.
 * Stored bytes are unchanged; only the order differs, so a file ordered the old way is re-sorted once
 * ({@link DurableH2Backend#open}).
 */
class CanonicalKeyType extends ObjectDataType {

    /** How MongoDB orders single values (index keys hold lists element by element). */
    static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
                int order = VALUES.compare(first.get(i), second.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(first.size(), second.size());
        }
        if (a instanceof Document && b instanceof Document) {
            return VALUES.compare(a, b);
        }
        return super.compare(a, b);
    }
}
