package dev.tarkka.store;

import java.util.List;

import com.mongodb.client.model.IndexModel;

/**
 * A store of one collection, declaring the indexes its queries need beside the queries themselves.
 * {@link StoreLifecycle} creates every declared index at startup.
 */
public interface IndexedCollection {

    /** The collection's name. */
    String collection();

    /** The indexes every query of this store is served by (besides {@code _id}). */
    List<IndexModel> indexes();
}
