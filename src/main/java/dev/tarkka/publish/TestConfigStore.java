package dev.tarkka.publish;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.series.RepoBranch;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's {@code test_config} (api.md §2.4): one row per (owner, test, repository, branch) saying whether that
 * repository's and branch's points of the test are public, and under which public name (§8.1).
 */
@ApplicationScoped
public class TestConfigStore implements IndexedCollection {

    static final String PUBLIC = "public";
    static final String PUBLIC_NAME = "public_name";

    private final StoreNames store;

    TestConfigStore(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.TEST_CONFIG;
    }

    /** By owner and test (the config routes), by public name (the public routes). */
    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST, new IndexModel(Indexes.ascending(PUBLIC_NAME, PUBLIC)));
    }

    private ReactiveMongoCollection<Document> rows() {
        return store.collection(StoreNames.TEST_CONFIG);
    }

    /** A row: the owner, the test, the repository and branch as sent, whether public, its public name. */
    public record Row(ObjectId owner, String testName, String gitRepo, String branch, boolean isPublic,
            String publicName) {

        static Row of(Document doc) {
            Document attributes = doc.get("attributes", Document.class);
            return new Row(doc.getObjectId(Ownership.USER_ID), doc.getString(Ownership.TEST_NAME),
                    attributes.getString("git_repo"), attributes.getString("branch"), doc.getBoolean(PUBLIC, false),
                    doc.getString(PUBLIC_NAME));
        }

        /** The points this row makes public: those of its repository and branch. */
        public RepoBranch published() {
            return new RepoBranch(gitRepo, branch);
        }
    }

    /** The owner's rows of the test, in the order they were first written. */
    public Uni<List<Row>> of(ObjectId owner, String testName) {
        return rows().find(Ownership.ofTest(owner, testName)).collect().asList()
                .map(docs -> docs.stream().sorted((a, b) -> a.getDate("created").compareTo(b.getDate("created")))
                        .map(Row::of).toList());
    }

    /** The public rows with exactly that public name (at most one owner's, but read them all). */
    public Uni<List<Row>> publicNamed(String publicName) {
        return rows().find(Filters.and(Filters.eq(PUBLIC_NAME, publicName), Filters.eq(PUBLIC, true)))
                .map(Row::of).collect().asList();
    }

    /** The public rows whose public name starts with the string (all of them for ""), by public name. */
    public Uni<List<Row>> publicUnder(String prefix) {
        return rows().find(Filters.and(Filters.regex(PUBLIC_NAME, "^" + Pattern.quote(prefix)), Filters.eq(PUBLIC, true)))
                .map(Row::of).collect().asList()
                .map(list -> list.stream().sorted((a, b) -> a.publicName().compareTo(b.publicName())).toList());
    }

    /** Writes the rows (one per repository and branch); a row written before keeps its place in the order. */
    public Uni<Void> upsert(ObjectId owner, String testName, List<Row> wanted) {
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        return rows().find(Ownership.ofTest(owner, testName)).collect().asList().chain(existing -> {
            List<ReplaceOneModel<Document>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                Row row = wanted.get(i);
                Document id = new Document("git_repo", row.gitRepo()).append("branch", row.branch())
                        .append("test_name", testName).append("user_id", owner);
                Date created = existing.stream().filter(doc -> id.equals(doc.get("_id")))
                        .map(doc -> doc.getDate("created")).findFirst().orElse(new Date(now + i));
                Document doc = new Document("_id", id).append(Ownership.USER_ID, owner)
                        .append(Ownership.TEST_NAME, testName).append(PUBLIC, row.isPublic())
                        .append("attributes", new Document("git_repo", row.gitRepo()).append("branch", row.branch()))
                        .append(PUBLIC_NAME, row.publicName())
                        .append("created", created)
                        .append("meta", new Document("last_modified", new Date(now)));
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true)));
            }
            return rows().bulkWrite(writes).replaceWithVoid();
        });
    }

    public Uni<Void> delete(ObjectId owner, String testName) {
        return rows().deleteMany(Ownership.ofTest(owner, testName)).replaceWithVoid();
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return rows().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }
}
