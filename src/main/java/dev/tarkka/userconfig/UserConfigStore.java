package dev.tarkka.userconfig;

import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;

import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/** The {@code user_config} documents: one per user, merged at the top level on every write. */
@ApplicationScoped
public class UserConfigStore {

    static final String USER_ID = "user_id";

    private final StoreNames store;

    UserConfigStore(StoreNames store) {
        this.store = store;
    }

    private ReactiveMongoCollection<Document> configs() {
        return store.collection(StoreNames.USER_CONFIG);
    }

    /** The stored configuration, or null. */
    public Uni<Document> find(ObjectId owner) {
        return configs().find(Filters.eq(USER_ID, owner)).collect().first();
    }

    /** Sets the given top-level keys (their values replace what was stored under them). */
    public Uni<Void> merge(ObjectId owner, Document keys) {
        Document set = new Document(keys).append("meta", new Document("last_modified", Date.from(Instant.now())));
        return configs().updateOne(Filters.eq(USER_ID, owner), new Document("$set", set),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    public Uni<Void> delete(ObjectId owner) {
        return configs().deleteMany(Filters.eq(USER_ID, owner)).replaceWithVoid();
    }

}
