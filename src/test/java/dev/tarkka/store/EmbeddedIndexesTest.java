package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded store's indexes ({@link SecondaryIndex}, {@link ConjunctionUniqueIndex}) change how a query finds its
 * documents, never which or in what order: random writes and the query shapes Tarkka uses answer exactly as on the
 * same store without the indexes (which scans), and as the in-memory server does, also after the indexed store is
 * reopened, and after an index is added to a store that already holds documents.
 */
class EmbeddedIndexesTest {

    private static final List<ObjectId> USERS = List.of(new ObjectId(), new ObjectId(), new ObjectId());
    private static final List<String> TESTS = List.of("a/x", "a/y", "b/x", "b/z.1", "c");

    @TempDir
    Path dir;

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    @Test
    void indexedQueriesAnswerAsScansDo() {
        String indexedFile = dir.resolve("indexed.mv").toString();
        MongoCollection<Document> indexed = points(new MongoServer(DurableH2Backend.open(indexedFile, 8, false)));
        indexed.createIndexes(List.of(new IndexModel(Indexes.ascending("user_id", "test_name", "timestamp")),
                new IndexModel(Indexes.ascending("user_id", "pull_request")),
                new IndexModel(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true))));
        MongoCollection<Document> scanned = points(
                new MongoServer(DurableH2Backend.open(dir.resolve("scanned.mv").toString(), 8, false)));
        scanned.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true));
        MongoCollection<Document> memory = points(new MongoServer(new MemoryBackend()));
        memory.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true));

        Random random = new Random(7);
        for (int round = 0; round < 25; round++) {
            for (int i = 0; i < 25; i++) {
                Write write = randomWrite(random);
                write.apply(indexed);
                write.apply(scanned);
                write.apply(memory);
            }
            assertSameAnswers(indexed, scanned, memory, random);
        }

        servers.get(0).shutdownNow();
        MongoCollection<Document> reopened = points(new MongoServer(DurableH2Backend.open(indexedFile, 8, false)));
        assertThat(reopened.countDocuments()).isEqualTo(scanned.countDocuments());
        reopened.createIndex(Indexes.ascending("test_name")); // built from the documents already stored
        for (int round = 0; round < 10; round++) {
            assertSameAnswers(reopened, scanned, memory, random);
            Write write = randomWrite(random);
            write.apply(reopened);
            write.apply(scanned);
            write.apply(memory);
        }
    }

    private MongoCollection<Document> points(MongoServer server) {
        servers.add(server);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        clients.add(client);
        return client.getDatabase("t").getCollection("points");
    }

    private interface Write {
        void apply(MongoCollection<Document> points);
    }

    private static Write randomWrite(Random random) {
        ObjectId user = USERS.get(random.nextInt(USERS.size()));
        String test = TESTS.get(random.nextInt(TESTS.size()));
        long timestamp = random.nextInt(60);
        Document id = new Document("user_id", user).append("test_name", test).append("timestamp", timestamp);
        Document point = point(id, random.nextInt(5), random); // drawn once: every store gets the same writes
        return switch (random.nextInt(6)) {
            case 0, 1 -> points -> points.replaceOne(Filters.eq("_id", id), point, new ReplaceOptions().upsert(true));
            case 2 -> points -> points.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", 2)),
                    Updates.inc("version", 1));
            case 3 -> points -> points.updateMany(Filters.and(Filters.eq("user_id", user), Filters.eq("test_name", test),
                    Filters.lt("timestamp", timestamp)), Updates.set("test_name", test + "-moved"));
            case 4 -> points -> points.deleteMany(Filters.and(Filters.eq("user_id", user), Filters.eq("test_name", test),
                    Filters.gte("timestamp", timestamp), Filters.lt("timestamp", timestamp + 5)));
            default -> points -> points.updateMany(Filters.and(Filters.eq("user_id", user),
                    Filters.eq("pull_request", (int) timestamp % 4)), Updates.unset("pull_request"));
        };
    }

    private static Document point(Document id, int version, Random random) {
        Document point = new Document("_id", id).append("user_id", id.get("user_id"))
                .append("test_name", id.get("test_name")).append("timestamp", id.get("timestamp"))
                .append("version", version);
        switch (random.nextInt(4)) {
            case 0 -> point.append("pull_request", random.nextInt(4));
            case 1 -> point.append("pull_request", (double) random.nextInt(4)); // 2.0 is the key 2
            case 2 -> point.append("tags", List.of("t" + random.nextInt(3), "t" + random.nextInt(3)));
            default -> point.append("key", "k" + random.nextInt(1_000_000));
        }
        return point;
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> scanned,
            MongoCollection<Document> memory, Random random) {
        for (int i = 0; i < 8; i++) {
            ObjectId user = USERS.get(random.nextInt(USERS.size()));
            String test = TESTS.get(random.nextInt(TESTS.size()));
            long timestamp = random.nextInt(60);
            Document id = new Document("user_id", user).append("test_name", test).append("timestamp", timestamp);
            List<Bson> filters = List.of(
                    Filters.eq("user_id", user),
                    Filters.and(Filters.eq("user_id", user), Filters.eq("test_name", test)),
                    Filters.and(Filters.eq("test_name", test), Filters.eq("user_id", user),
                            Filters.gte("timestamp", (double) timestamp)),
                    Filters.and(Filters.eq("user_id", user), Filters.regex("test_name", "^" + Pattern.quote("a/"))),
                    Filters.and(Filters.eq("user_id", user), Filters.exists("pull_request", true)),
                    Filters.and(Filters.eq("user_id", user), Filters.eq("pull_request", 2L)),
                    Filters.and(Filters.eq("user_id", user), Filters.eq("test_name", test),
                            Filters.eq("timestamp", (int) timestamp)),
                    Filters.and(Filters.eq("user_id", user), Filters.eq("tags", "t1")),
                    Filters.and(Filters.eq("_id", id), Filters.eq("version", 2)),
                    Filters.and(Filters.eq("_id", id), Filters.eq("user_id", USERS.get(0))),
                    Filters.in("_id", id, new Document(id).append("timestamp", timestamp + 1)),
                    new Document("$and", List.of(new Document("user_id", user), new Document("$or", List.of(
                            new Document("test_name", test), new Document("pull_request", 1))))),
                    Filters.or(Filters.eq("user_id", user), Filters.eq("test_name", test)),
                    Filters.eq("test_name", test),
                    Filters.and(Filters.eq("user_id", user), Filters.eq("user_id", USERS.get(0))));
            for (Bson filter : filters) {
                List<Document> answer = indexed.find(filter).into(new ArrayList<>());
                assertThat(answer).as("%s in the store's own order", filter)
                        .isEqualTo(scanned.find(filter).into(new ArrayList<>()));
                assertThat(sortedById(answer)).as("%s on the in-memory server", filter)
                        .isEqualTo(sortedById(memory.find(filter).into(new ArrayList<>())));
                assertThat(indexed.countDocuments(filter)).isEqualTo(answer.size());
            }
        }
    }

    private static List<String> sortedById(List<Document> documents) {
        Function<Document, String> json = Document::toJson;
        return documents.stream().map(json).sorted(Comparator.naturalOrder()).toList();
    }

    @Test
    void anIndexMissingDocumentsIsBuiltAgainWhenTheStoreOpens() {
        String file = dir.resolve("stale.mv").toString();
        MongoCollection<Document> points = points(new MongoServer(DurableH2Backend.open(file, 8, false)));
        points.createIndex(Indexes.ascending("user_id", "test_name"));
        for (int i = 0; i < 20; i++) {
            points.insertOne(new Document("user_id", USERS.get(i % USERS.size())).append("test_name", "t" + i));
        }
        servers.get(0).shutdownNow();
        // what a version keeping no such index leaves: a document stored that the index does not know
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<KeyValue, Boolean> index = store.openMap("t.points._index_user_id_1_test_name_1",
                    new MVMap.Builder<KeyValue, Boolean>().keyType(new BsonStoredType())
                            .valueType(new BsonStoredType()));
            index.remove(index.firstKey());
        }
        MongoCollection<Document> reopened = points(new MongoServer(DurableH2Backend.open(file, 8, false)));
        for (ObjectId user : USERS) {
            assertThat(reopened.find(Filters.eq("user_id", user)).into(new ArrayList<>())).as("user %s", user)
                    .hasSize(USERS.indexOf(user) < 20 % USERS.size() ? 7 : 6);
        }
    }

    /** Every start declares the indexes again ({@code StoreLifecycle}) while the store is in use. */
    @Test
    void anIndexDeclaredAgainKeepsServingItsCollection() {
        MongoCollection<Document> points = points(
                new MongoServer(DurableH2Backend.open(dir.resolve("again.mv").toString(), 8, false)));
        points.createIndex(Indexes.ascending("tags")); // a list field: more entries than documents
        for (int i = 0; i < 20; i++) {
            points.insertOne(new Document("tags", List.of("t" + i % 4, "all")).append("i", i));
        }
        points.createIndex(Indexes.ascending("tags"));
        assertThat(points.find(Filters.eq("tags", "t1")).into(new ArrayList<>())).hasSize(5);
    }

    @Test
    void aSecondaryIndexServesQueriesPinningItsLeadingKeys() {
        MVStore store = new MVStore.Builder().open();
        SecondaryIndex index = new SecondaryIndex(
                store.openMap("i", new MVMap.Builder<KeyValue, Boolean>().keyType(new CanonicalKeyType())), "i",
                List.of(new IndexKey("user_id", true), new IndexKey("test_name", true)), new CanonicalKeyType()::compare);
        de.bwaldvogel.mongo.bson.Document both = new de.bwaldvogel.mongo.bson.Document("user_id", 1)
                .append("test_name", "t");
        assertThat(index.canHandle(both)).isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("user_id", 1))).isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("test_name", "t")))
                .as("the leading key is not pinned").isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("user_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", 1)))).isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("$or", List.of(both)))).isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("user_id", null))).isFalse();

        index.add(new de.bwaldvogel.mongo.bson.Document("_id", "p1").append("user_id", 1).append("test_name", "t"),
                "p1", null);
        index.add(new de.bwaldvogel.mongo.bson.Document("_id", "p2").append("user_id", 1.0).append("test_name", "u"),
                "p2", null);
        index.add(new de.bwaldvogel.mongo.bson.Document("_id", "p3").append("user_id", 2).append("test_name", "t"),
                "p3", null);
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("user_id", 1L))).containsExactly("p1",
                "p2");
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("user_id", 2))).isTrue();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("user_id", 1)))
                .as("most entries match: a scan is cheaper").isFalse();
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("test_name", "t"),
                new de.bwaldvogel.mongo.bson.Document("user_id", 1))))).containsExactly("p1");
        index.remove(new de.bwaldvogel.mongo.bson.Document("_id", "p1").append("user_id", 1).append("test_name", "t"));
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("user_id", 1))).containsExactly("p2");
        assertThat(index.getCount()).isEqualTo(2);
        store.close();
    }
}
