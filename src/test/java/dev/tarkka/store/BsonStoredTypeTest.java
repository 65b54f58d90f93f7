package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The embedded store's file holds documents, index keys and ids as BSON, and still reads the pages an earlier
 * version wrote with Java serialization, also where old and new entries share a map.
 */
class BsonStoredTypeTest {

    @TempDir
    Path dir;

    /** Every BSON type the wire protocol delivers, nested, with the number types kept apart. */
    static Document everyType(int n) {
        return new Document("_id", new ObjectId())
                .append("int", n).append("long", (long) n << 33).append("double", n + 0.25)
                .append("negativeZero", -0.0).append("nan", Double.NaN)
                .append("text", "ääkköset ✓ " + n).append("empty", "").append("yes", true).append("nothing", null)
                .append("when", Instant.ofEpochMilli(1_700_000_000_123L + n))
                .append("bytes", new BinData(new byte[] {1, 2, (byte) n}))
                .append("uuid", new UUID(n, -n)).append("legacyUuid", new LegacyUUID(n, 7))
                .append("decimal", Decimal128.ONE).append("timestamp", new BsonTimestamp(42L + n))
                .append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("code", new BsonJavaScript("return " + n))
                .append("list", new ArrayList<>(Arrays.asList(1, 2L, 3.5, "four", null, new Document("five", 5))))
                .append("nested", new Document("a", new Document("b", List.of(new Document("c", n)))));
    }

    static List<Object> values(int n) {
        return List.of(everyType(n), new KeyValue("user", new ObjectId(), n, null, new Document("k", n)),
                new ObjectId(), "a string key " + n, (long) n, 0.5 + n,
                // not BSON: written with Java serialization as before
                new KeyValue(1.5f, "float"), new Document("float", 2.5f));
    }

    @Test
    void valuesReadBackEqualAfterReopening() {
        String file = dir.resolve("bson.mv").toString();
        List<Object> written = new ArrayList<>();
        try (MVStore store = MVStore.open(file)) {
            MVMap<Integer, Object> map = open(store, new BsonStoredType());
            for (int n = 0; n < 200; n++) {
                for (Object value : values(n)) {
                    map.put(written.size(), value);
                    written.add(value);
                }
            }
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Integer, Object> map = open(store, new BsonStoredType());
            for (int i = 0; i < written.size(); i++) {
                assertThat(map.get(i)).as("entry %d", i).isEqualTo(written.get(i));
            }
        }
    }

    @Test
    void pagesWrittenWithJavaSerializationAreStillRead() {
        String file = dir.resolve("old.mv").toString();
        Map<Object, Object> expected = new TreeMap<>(new CanonicalKeyType()::compare);
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> old = store.openMap("data", new MVMap.Builder<>().keyType(new CanonicalKeyType()));
            for (int n = 0; n < 300; n++) {
                Document id = new Document("user_id", new ObjectId()).append("n", n);
                Document document = everyType(n);
                // Java serialization reads these singletons back as new, unequal objects
                document.remove("min");
                document.remove("max");
                old.put(id, document);
                expected.put(id, document);
                ObjectId reference = new ObjectId();
                old.put(new KeyValue("key", n), reference);
                expected.put(new KeyValue("key", n), reference);
            }
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> mixed = store.openMap("data",
                    new MVMap.Builder<>().keyType(new BsonStoredType()).valueType(new BsonStoredType()));
            assertThat(mixed).containsExactlyEntriesOf(expected);
            // a third of the entries written again: pages of both kinds in one map
            for (int n = 0; n < 300; n += 3) {
                KeyValue key = new KeyValue("key", n);
                ObjectId replaced = new ObjectId();
                mixed.put(key, replaced);
                expected.put(key, replaced);
            }
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<Object, Object> mixed = store.openMap("data",
                    new MVMap.Builder<>().keyType(new BsonStoredType()).valueType(new BsonStoredType()));
            assertThat(mixed).containsExactlyEntriesOf(expected);
        }
    }

    private static MVMap<Integer, Object> open(MVStore store, BsonStoredType type) {
        return store.openMap("values", new MVMap.Builder<Integer, Object>().valueType(type));
    }
}
