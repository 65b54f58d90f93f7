package dev.tarkka.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements ReactivePanacheMongoRepository<UserAccount>, IndexedCollection {

    @Override
    public String collection() {
        return StoreNames.USERS;
    }

    /** Logins look accounts up by email, case-insensitively: the lower-cased email is the unique key. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(new Document("email_key", 1), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("is_active")));
    }

    public Uni<UserAccount> findByEmail(String email) {
        return find("email_key", UserAccount.emailKey(email)).firstResult();
    }

    public Multi<UserAccount> active() {
        return find("is_active", true).stream();
    }
}
