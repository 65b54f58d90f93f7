package dev.tarkka.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The one-time tokens of the account flows (verify an email, reset a password): random, sent by mail, stored
 * only as a hash, valid until they expire, and consumed by an atomic find-and-delete, so each works once even with
 * several replicas. Issuing a new one of a purpose replaces the user's earlier ones.
 */
@ApplicationScoped
public class AccountTokens implements IndexedCollection {

    public enum Purpose {
        VERIFY, RESET
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreNames store;

    AccountTokens(StoreNames store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return StoreNames.ACCOUNT_TOKENS;
    }

    /** Consumed by {@code _id} (the hash); replaced by user. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("user_id", "purpose")));
    }

    private ReactiveMongoCollection<Document> tokens() {
        return store.collection(StoreNames.ACCOUNT_TOKENS);
    }

    /** A new token for the user (earlier ones of the purpose stop working); the secret to send. */
    public Uni<String> issue(ObjectId userId, Purpose purpose, Duration ttl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        Document doc = new Document("_id", hash(token)).append("user_id", userId).append("purpose", purpose.name())
                .append("created", Date.from(now)).append("expires", Date.from(now.plus(ttl)));
        return tokens().deleteMany(Filters.and(Filters.eq("user_id", userId), Filters.eq("purpose", purpose.name())))
                .chain(() -> tokens().insertOne(doc)).replaceWith(token);
    }

    /** The user the token was issued to, if it is of the purpose and not expired; the token is used up either way. */
    public Uni<ObjectId> consume(String token, Purpose purpose) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Uni.createFrom().nullItem();
        }
        return tokens().findOneAndDelete(Filters.eq("_id", hash(token))).map(doc -> {
            if (doc == null || !purpose.name().equals(doc.getString("purpose"))
                    || !doc.getDate("expires").toInstant().isAfter(Instant.now())) {
                return null;
            }
            return doc.getObjectId("user_id");
        });
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
