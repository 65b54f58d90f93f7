package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Documents with a compound {@code _id} (Nyrkio's points, the series heads and chunks) are found by an equal key in
 * the embedded store however their key objects were built, and a file written in the old key order is re-sorted.
 */
class EmbeddedKeysTest {

    @TempDir
    Path dir;

    /** The cause: H2's default order compares serialized bytes, which differ for equal documents. */
    @Test
    void equalDocumentKeysAreOneKey() {
        de.bwaldvogel.mongo.bson.Document built = new de.bwaldvogel.mongo.bson.Document("user_id", "u")
                .append("test_name", "a");
        de.bwaldvogel.mongo.bson.Document copied = new de.bwaldvogel.mongo.bson.Document(built); // sized differently
        try (MVStore store = new MVStore.Builder().open()) {
            MVMap<Object, Object> byBytes = store.openMap("bytes");
            byBytes.put(new KeyValue(built), "stored");
            assertThat(byBytes.get(new KeyValue(copied))).as("H2's default order").isNull();

            MVMap<Object, Object> byValue = store.openMap("values",
                    new MVMap.Builder<Object, Object>().keyType(new CanonicalKeyType()));
            byValue.put(new KeyValue(built), "stored");
            byValue.put(built, "document");
            assertThat(byValue.get(new KeyValue(copied))).isEqualTo("stored");
            assertThat(byValue.get(copied)).isEqualTo("document");
        }
    }

    @Test
    void headsUpdatedAgainAndAgainAreFoundByTheirKey() {
        MongoServer server = new MongoServer(DurableH2Backend.open(dir.resolve("s.mv").toString(), 1, false));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> heads = client.getDatabase("t").getCollection("heads");
            List<Document> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(new Document("user_id", new ObjectId()).append("test_name", "test-" + i));
            }
            for (int round = 0; round < 5; round++) {
                for (Document id : ids) {
                    heads.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(Updates.inc("count", 1L),
                            Updates.set("padding", "x".repeat(2000))), new FindOneAndUpdateOptions().upsert(true));
                }
            }
            assertThat(heads.countDocuments()).as("one document per key").isEqualTo(ids.size());
            for (Document id : ids) {
                assertThat(heads.find(Filters.eq("_id", id)).first()).as("head %s", id).isNotNull()
                        .containsEntry("count", 5L);
            }
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aFileWrittenInTheOldOrderIsResortedOnce() {
        String file = dir.resolve("old.mv").toString();
        List<Document> ids = new ArrayList<>();
        MongoServer old = new MongoServer(new H2Backend(file));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.bind().getPort())) {
            MongoCollection<Document> points = client.getDatabase("t").getCollection("points");
            for (int i = 0; i < 500; i++) {
                Document id = new Document("test_name", "t").append("timestamp", (long) i).append("user_id", new ObjectId());
                ids.add(id);
                points.insertOne(new Document("_id", id).append("value", i));
            }
        } finally {
            old.shutdownNow();
        }
        for (int reopen = 0; reopen < 2; reopen++) {
            MongoServer server = new MongoServer(DurableH2Backend.open(file, 8, false));
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
                MongoCollection<Document> points = client.getDatabase("t").getCollection("points");
                assertThat(points.countDocuments()).isEqualTo(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(points.find(Filters.eq("_id", ids.get(i))).first()).isNotNull().containsEntry("value", i);
                }
            } finally {
                server.shutdownNow();
            }
        }
    }
}
