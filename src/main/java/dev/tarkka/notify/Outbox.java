package dev.tarkka.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The {@code notifications} collection: the outbox. A write that finds change points records what to send here
 * before it answers; workers on any instance claim due entries with a lease (one atomic update), send, and record
 * the outcome only while they still hold the lease. An instance that dies mid-send loses its lease when it
 * expires, and the entry is sent again, by whichever instance claims it first.
 */
@ApplicationScoped
public class Outbox implements IndexedCollection {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    private final StoreNames store;

    Outbox(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.NOTIFICATIONS;
    }

    /** Due entries are claimed by status and due time; an owner's are listed newest first. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("status", "due_at")),
                new IndexModel(Indexes.ascending(Ownership.USER_ID, "created")));
    }

    private ReactiveMongoCollection<Document> outbox() {
        return store.collection(StoreNames.NOTIFICATIONS);
    }

    /** A new entry, due now. */
    static Document entry(ObjectId owner, String channel, ChangeNotice change, PullNotice pull, Instant now) {
        String subject = change != null ? change.subject() : pull.subject();
        Document doc = new Document("_id", id(owner, channel, subject))
                .append(Ownership.USER_ID, owner)
                .append("channel", channel)
                .append("subject", subject)
                .append("status", PENDING)
                .append("attempts", 0)
                .append("due_at", Date.from(now))
                .append("created", Date.from(now));
        if (change != null) {
            doc.append("change", NoticeCodec.toDocument(change));
        } else {
            doc.append("pull", NoticeCodec.toDocument(pull));
        }
        return doc;
    }

    /** Records entries; those recorded before (same owner, channel and subject) are left as they are. */
    Uni<Void> record(List<Document> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox().insertMany(entries, new InsertManyOptions().ordered(false)).replaceWithVoid()
                .onFailure(Outbox::onlyDuplicates).recoverWithNull();
    }

    private static boolean onlyDuplicates(Throwable e) {
        return e instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream()
                .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /** Claims the entry due first, for {@code lease}; null when none is due. */
    Uni<OutboxEntry> claim(String worker, Duration lease) {
        Instant now = Instant.now();
        return outbox().findOneAndUpdate(
                Filters.and(Filters.eq("status", PENDING), Filters.lte("due_at", Date.from(now))),
                Updates.combine(Updates.set("due_at", Date.from(now.plus(lease))), Updates.set("worker", worker),
                        Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("due_at")).returnDocument(ReturnDocument.AFTER))
                .map(doc -> doc == null ? null : fromDocument(doc));
    }

    /** The send succeeded; recorded only if this worker still holds the entry. */
    Uni<Void> delivered(OutboxEntry entry, String worker, String outcome) {
        return finish(entry, worker, Updates.combine(Updates.set("status", DELIVERED),
                Updates.set("delivered_at", new Date()), Updates.set("outcome", outcome)));
    }

    /** The channel was turned off since the entry was recorded. */
    Uni<Void> skipped(OutboxEntry entry, String worker, String reason) {
        return finish(entry, worker, Updates.combine(Updates.set("status", SKIPPED), Updates.set("last_error", reason)));
    }

    /** The send failed: due again at {@code retryAt}, or given up when that is null. */
    Uni<Void> failed(OutboxEntry entry, String worker, String error, Instant retryAt) {
        return finish(entry, worker, retryAt == null
                ? Updates.combine(Updates.set("status", FAILED), Updates.set("last_error", error))
                : Updates.combine(Updates.set("due_at", Date.from(retryAt)), Updates.set("last_error", error)));
    }

    private Uni<Void> finish(OutboxEntry entry, String worker, Bson update) {
        return outbox().updateOne(Filters.and(Filters.eq("_id", entry.id()), Filters.eq("worker", worker),
                Filters.eq("attempts", entry.attempts())), update).replaceWithVoid();
    }

    /** Entries waiting to be sent, or sent again: the backlog of every instance together. */
    Uni<Long> pending() {
        return outbox().countDocuments(Filters.eq("status", PENDING));
    }

    /** The owner's newest entries. */
    Uni<List<OutboxEntry>> recent(ObjectId owner, int limit) {
        return outbox().find(Ownership.of(owner), new FindOptions().sort(Sorts.descending("created")).limit(limit))
                .map(Outbox::fromDocument).collect().asList();
    }

    Uni<Void> deleteAll(ObjectId owner) {
        return outbox().deleteMany(Ownership.of(owner)).replaceWithVoid();
    }

    private static OutboxEntry fromDocument(Document doc) {
        Document change = doc.get("change", Document.class);
        Document pull = doc.get("pull", Document.class);
        Date delivered = doc.getDate("delivered_at");
        return new OutboxEntry(doc.getString("_id"), doc.getObjectId(Ownership.USER_ID), doc.getString("channel"),
                doc.getString("subject"), change == null ? null : NoticeCodec.change(change),
                pull == null ? null : NoticeCodec.pull(pull), doc.getString("status"), doc.getInteger("attempts", 0),
                doc.getString("last_error"), doc.getString("outcome"), doc.getDate("created").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }

    /** The same for the same owner, channel and subject: what makes recording idempotent. */
    static String id(ObjectId owner, String channel, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((owner.toHexString() + "\n" + channel + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
