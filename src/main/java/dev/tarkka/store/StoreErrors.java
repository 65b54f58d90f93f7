package dev.tarkka.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;

/** What a failure reported by the store means. */
public final class StoreErrors {

    private StoreErrors() {
    }

    /**
     * A unique key was already taken: by a single write, a command such as find-and-modify, or any write of a
     * bulk write (whose own error code says only that the bulk failed).
     */
    public static boolean isDuplicateKey(Throwable e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return e instanceof MongoException mongo && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
