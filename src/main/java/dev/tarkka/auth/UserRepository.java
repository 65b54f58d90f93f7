package dev.tarkka.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements ReactivePanacheMongoRepository<UserAccount>, IndexedCollection {

    private final RecentReads<ObjectId, UserAccount> recent;

    UserRepository(TarkkaConfig config) {
        this.recent = new RecentReads<>(config.auth().accountCacheTtl(), RECENT_ACCOUNTS);
    }

    private static final int RECENT_ACCOUNTS = 10_000;

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

    /**
     * The account a request is made by, possibly as an earlier request read it ({@link RecentReads}): only for
     * checking the caller, never to change it.
     */
    Uni<UserAccount> findCaller(ObjectId id) {
        return recent.get(id, this::findById);
    }

    // every change to an account goes through these: callers read it again from the store

    @Override
    public Uni<UserAccount> persist(UserAccount account) {
        return ReactivePanacheMongoRepository.super.persist(account).invoke(recent::forgetAll);
    }

    @Override
    public Uni<UserAccount> update(UserAccount account) {
        return ReactivePanacheMongoRepository.super.update(account).invoke(recent::forgetAll);
    }

    @Override
    public Uni<UserAccount> persistOrUpdate(UserAccount account) {
        return ReactivePanacheMongoRepository.super.persistOrUpdate(account).invoke(recent::forgetAll);
    }
}
