package dev.tarkka.userconfig;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

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
 * on every upload and report, so looked up through an index. Within {@code notifiers}, Nyrkio's fields are
 * replaced and Tarkka's are set, removed or kept one by one ({@link UserConfigRequest.Notifiers}).
 */
@ApplicationScoped
public class UserConfigStore implements IndexedCollection {

    private static final String NOTIFIERS = "notifiers";

    private final StoreNames store;

    UserConfigStore(StoreNames store) {
        this.store = store;
    }

    /** What is stored: either part may be null. */
    public record Stored(NotifierSettings notifiers, UserConfigRequest.Core core) {
        static final Stored NONE = new Stored(null, null);
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

    public Uni<Stored> find(ObjectId owner) {
        return configs().find(Ownership.of(owner)).collect().first()
                .map(doc -> doc == null ? Stored.NONE
                        : new Stored(notifiers(doc.get(NOTIFIERS, Document.class)), core(doc.get("core", Document.class))));
    }

    /** Writes the given parts (a null part is left as stored). */
    public Uni<Void> merge(ObjectId owner, UserConfigRequest.Notifiers notifiers, UserConfigRequest.Core core) {
        Document set = new Document();
        Document unset = new Document();
        if (notifiers != null) {
            set.append(NOTIFIERS + ".slack", notifiers.slack()).append(NOTIFIERS + ".github", notifiers.github())
                    .append(NOTIFIERS + ".since_days", notifiers.sinceDays())
                    .append(NOTIFIERS + ".github_pr", notifiers.githubPr());
            secret("slack_webhook_url", notifiers.slackWebhookUrl(), set, unset);
            secret("github_token", notifiers.githubToken(), set, unset);
            field("github_api_url", notifiers.githubApiUrl(), set, unset);
            field("email", notifiers.email(), set, unset);
            field("regressions_only", notifiers.regressionsOnly(), set, unset);
            if (notifiers.webhook() != null) {
                if (notifiers.webhook().isEmpty()) {
                    unset.append(NOTIFIERS + ".webhook", "");
                } else {
                    UserConfigRequest.Webhook webhook = notifiers.webhook().get();
                    secret("webhook.url", Optional.of(webhook.url()), set, unset);
                    secret("webhook.secret", Optional.ofNullable(webhook.secret()), set, unset);
                }
            }
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
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return configs().updateOne(Ownership.of(owner), update, new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /** A field that is set, removed (sent as null) or left alone (not sent). */
    private static void field(String name, Optional<?> value, Document set, Document unset) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            unset.append(NOTIFIERS + "." + name, "");
        } else {
            set.append(NOTIFIERS + "." + name, value.get());
        }
    }

    /** As {@link #field}, but a masked value, as a read shows it, also leaves the stored one alone. */
    private static void secret(String name, Optional<String> value, Document set, Document unset) {
        if (value != null && value.isPresent() && NotifierSettings.isMasked(value.get())) {
            return;
        }
        field(name, value, set, unset);
    }

    public Uni<Void> delete(ObjectId owner) {
        return configs().deleteMany(Filters.eq(Ownership.USER_ID, owner)).replaceWithVoid();
    }

    private static NotifierSettings notifiers(Document doc) {
        if (doc == null) {
            return null;
        }
        Document webhook = doc.get("webhook", Document.class);
        Number sinceDays = number(doc, "since_days");
        List<String> email = doc.getList("email", String.class);
        return new NotifierSettings(Boolean.TRUE.equals(doc.getBoolean("slack")),
                Boolean.TRUE.equals(doc.getBoolean("github")),
                sinceDays == null ? NotifierSettings.DEFAULT_SINCE_DAYS : sinceDays.intValue(),
                doc.getBoolean("github_pr"), doc.getString("slack_webhook_url"), doc.getString("github_token"),
                doc.getString("github_api_url"), webhook == null ? null : webhook.getString("url"),
                webhook == null ? null : webhook.getString("secret"), email == null ? List.of() : List.copyOf(email),
                Boolean.TRUE.equals(doc.getBoolean("regressions_only")));
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
