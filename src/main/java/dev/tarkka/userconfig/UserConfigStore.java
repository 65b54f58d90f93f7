package dev.tarkka.userconfig;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The {@code user_config} documents: one per user, merged at the top level on every write (api.md §2.3), read
 * on every upload and report, so looked up through an index.
 */
@ApplicationScoped
public class UserConfigStore implements IndexedCollection {

    private final StoreNames store;

    UserConfigStore(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.USER_CONFIG;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(Ownership.USER_ID)));
    }

    private ReactiveMongoCollection<Document> configs() {
        return store.collection(StoreNames.USER_CONFIG);
    }

    /** The stored configuration, or {@link UserConfig#NONE}. */
    public Uni<UserConfig> find(ObjectId owner) {
        return configs().find(Ownership.of(owner)).collect().first()
                .map(doc -> doc == null ? UserConfig.NONE
                        : new UserConfig(notifiers(doc.get("notifiers", Document.class)),
                                core(doc.get("core", Document.class)), null, null));
    }

    /** Sets the given top-level keys (their values replace what was stored under them); null ones are left alone. */
    public Uni<Void> merge(ObjectId owner, UserConfigRequest.Notifiers notifiers, UserConfigRequest.Core core) {
        Document set = new Document();
        if (notifiers != null) {
            set.append("notifiers", new Document("slack", notifiers.slack()).append("github", notifiers.github())
                    .append("since_days", notifiers.sinceDays()).append("github_pr", notifiers.githubPr()));
        }
        if (core != null) {
            Document doc = new Document("min_magnitude", core.minMagnitude()).append("max_pvalue", core.maxPvalue());
            if (core.algorithm() != null) {
                doc.append("algorithm", core.algorithm());
            }
            if (core.windowLen() != null) {
                doc.append("window_len", core.windowLen());
            }
            set.append("core", doc);
        }
        set.append("meta", new Document("last_modified", Date.from(Instant.now())));
        return configs().updateOne(Ownership.of(owner), new Document("$set", set), new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }

    public Uni<Void> delete(ObjectId owner) {
        return configs().deleteMany(Filters.eq(Ownership.USER_ID, owner)).replaceWithVoid();
    }

    private static UserConfigRequest.Notifiers notifiers(Document doc) {
        return doc == null ? null : new UserConfigRequest.Notifiers(doc.getBoolean("slack"), doc.getBoolean("github"),
                number(doc, "since_days") == null ? null : number(doc, "since_days").intValue(),
                doc.getBoolean("github_pr"));
    }

    private static UserConfigRequest.Core core(Document doc) {
        if (doc == null) {
            return null;
        }
        Number windowLen = number(doc, "window_len");
        return new UserConfigRequest.Core(doubleOrNull(doc, "min_magnitude"), doubleOrNull(doc, "max_pvalue"),
                doc.getString("algorithm"), windowLen == null ? null : windowLen.intValue());
    }

    private static Double doubleOrNull(Document doc, String key) {
        Number value = number(doc, key);
        return value == null ? null : value.doubleValue();
    }

    private static Number number(Document doc, String key) {
        return doc.get(key) instanceof Number n ? n : null;
    }
}
