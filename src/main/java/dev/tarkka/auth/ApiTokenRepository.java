package dev.tarkka.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApiTokenRepository implements ReactivePanacheMongoRepositoryBase<ApiToken, String>, IndexedCollection {

    private final RecentReads<String, ApiToken> recent;

    ApiTokenRepository(TarkkaConfig config) {
        this.recent = new RecentReads<>(config.auth().accountCacheTtl(), RECENT_TOKENS);
    }

    private static final int RECENT_TOKENS = 10_000;

    @Override
    public String collection() {
        return StoreNames.API_TOKENS;
    }

    /** A user's tokens are listed in the order they were made. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("user_id", "created")),
                new IndexModel(Indexes.ascending("org_id")));
    }

    /** Last-use times are kept to the minute: one write per token per minute at most. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public Uni<List<ApiToken>> listByUser(ObjectId userId) {
        return find("user_id", Sort.ascending("created"), userId).list();
    }

    /** The token a request presents, possibly as an earlier request read it ({@link RecentReads}). */
    Uni<ApiToken> findPresented(String id) {
        return recent.get(id, this::findById);
    }

    public Uni<Boolean> deleteOwned(String id, ObjectId userId) {
        return delete("_id = :id and user_id = :user", Parameters.with("id", id).and("user", userId))
                .invoke(recent::forgetAll).map(count -> count > 0);
    }

    /** Revokes every token scoped to the organization. */
    public Uni<Long> deleteScopedTo(ObjectId orgId) {
        return delete("org_id", orgId).invoke(recent::forgetAll);
    }

    public Uni<Void> touch(ApiToken token, Instant now) {
        if (token.lastUsed != null && token.lastUsed.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        token.lastUsed = now; // also in the copy later requests may reuse, so they do not write it again
        return update("last_used", now).where("_id", token.id).replaceWithVoid();
    }
}
