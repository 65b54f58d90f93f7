package dev.tarkka.summaries;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.series.SeriesStamp;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** The {@code summaries} collection: one {@link Leaf} per test, and its document layout. */
@ApplicationScoped
public class SummaryStore implements IndexedCollection {

    private final StoreNames store;

    SummaryStore(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.SUMMARIES;
    }

    /** Leaves are read by owner and test-name prefix, and deleted by owner and test. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(Ownership.BY_OWNER_AND_TEST);
    }

    private ReactiveMongoCollection<Document> summaries() {
        return store.collection(StoreNames.SUMMARIES);
    }

    /** The stored leaves of the owner's tests whose names start with {@code namePrefix} (all when null). */
    Uni<List<Leaf>> leaves(ObjectId owner, String namePrefix) {
        return summaries().find(Ownership.ofTestsUnder(owner, namePrefix)).map(SummaryStore::fromDocument)
                .collect().asList();
    }

    Uni<Void> save(ObjectId owner, Leaf leaf) {
        Document doc = toDocument(owner, leaf);
        return summaries().replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true))
                .replaceWithVoid();
    }

    public Uni<Void> deleteTest(ObjectId owner, String testName) {
        return summaries().deleteMany(Ownership.ofTest(owner, testName)).replaceWithVoid();
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return summaries().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }

    static Document toDocument(ObjectId owner, Leaf leaf) {
        List<Document> changes = new ArrayList<>(leaf.changes().size());
        for (LeafChange change : leaf.changes()) {
            ChangePoint point = change.point();
            changes.add(new Document("metric", change.metric())
                    .append("index", point.index())
                    .append("time", change.time())
                    .append("git_commit", change.gitCommit())
                    .append("branch", change.branch())
                    .append("git_repo", change.gitRepo())
                    .append("unit", change.unit())
                    .append("direction", change.direction())
                    .append("value", change.value())
                    .append("forward_change_percent", point.forwardChangePercent())
                    .append("magnitude", point.magnitude())
                    .append("mean_before", point.meanBefore())
                    .append("stddev_before", point.stddevBefore())
                    .append("mean_after", point.meanAfter())
                    .append("stddev_after", point.stddevAfter())
                    .append("pvalue", point.pvalue()));
        }
        return new Document("_id", new Document(Ownership.USER_ID, owner).append(Ownership.TEST_NAME, leaf.testName()))
                .append(Ownership.USER_ID, owner)
                .append(Ownership.TEST_NAME, leaf.testName())
                .append("stamp", new Document("count", leaf.stamp().count())
                        .append("last_modified", leaf.stamp().lastModified()))
                .append("options", leaf.options())
                .append("disabled", leaf.disabled())
                .append("computed_at", leaf.computedAt())
                .append("change_points", changes);
    }

    static Leaf fromDocument(Document doc) {
        Document stamp = doc.get("stamp", Document.class);
        List<LeafChange> changes = new ArrayList<>();
        for (Document entry : doc.getList("change_points", Document.class)) {
            ChangePoint point = new ChangePoint(entry.getInteger("index"), entry.getDouble("mean_before"),
                    entry.getDouble("mean_after"), entry.getDouble("stddev_before"), entry.getDouble("stddev_after"),
                    entry.getDouble("pvalue"), entry.getDouble("forward_change_percent"), entry.getDouble("magnitude"));
            Object value = entry.get("value");
            changes.add(new LeafChange(entry.getString("metric"), ((Number) entry.get("time")).longValue(),
                    entry.getString("git_commit"), entry.getString("branch"), entry.getString("git_repo"),
                    entry.getString("unit"), entry.getString("direction"), value instanceof Number n ? n : null,
                    point));
        }
        return new Leaf(doc.getString(Ownership.TEST_NAME),
                new SeriesStamp(((Number) stamp.get("count")).longValue(), stamp.getDate("last_modified")),
                doc.getString("options"), doc.getList("disabled", String.class), doc.getDate("computed_at"), changes);
    }
}
