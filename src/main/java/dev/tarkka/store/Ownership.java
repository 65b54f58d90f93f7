package dev.tarkka.store;

import java.util.regex.Pattern;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;

/**
 * Filters on the fields every per-user collection shares, {@code user_id} and {@code test_name} (Nyrkio's
 * names): the one way a query is scoped to its owner, so that no collection is read across users.
 */
public final class Ownership {

    public static final String USER_ID = "user_id";
    public static final String TEST_NAME = "test_name";

    /** The index that serves {@link #of} and {@link #ofTest} (and {@link #ofTestsUnder}, a prefix of it). */
    public static final IndexModel BY_OWNER_AND_TEST = new IndexModel(Indexes.ascending(USER_ID, TEST_NAME));

    private Ownership() {
    }

    /** Everything of the owner. */
    public static Bson of(ObjectId owner) {
        return Filters.eq(USER_ID, owner);
    }

    /** The owner's documents of one test. */
    public static Bson ofTest(ObjectId owner, String testName) {
        return Filters.and(of(owner), Filters.eq(TEST_NAME, testName));
    }

    /** The owner's documents of the tests whose names start with {@code namePrefix}; all when it is null. */
    public static Bson ofTestsUnder(ObjectId owner, String namePrefix) {
        return namePrefix == null ? of(owner)
                : Filters.and(of(owner), Filters.regex(TEST_NAME, "^" + Pattern.quote(namePrefix)));
    }
}
