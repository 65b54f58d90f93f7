package dev.tarkka.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MembershipRepository implements ReactivePanacheMongoRepository<Membership>, IndexedCollection {

    @Override
    public String collection() {
        return StoreNames.ORG_MEMBERS;
    }

    /** One membership per (organization, user); a user's organizations are listed by user. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("org_id", "user_id"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("user_id", "org_id")));
    }

    public Uni<Membership> find(ObjectId orgId, ObjectId userId) {
        return find("org_id = :org and user_id = :user", Parameters.with("org", orgId).and("user", userId))
                .firstResult();
    }

    public Uni<List<Membership>> ofOrganization(ObjectId orgId) {
        return find("org_id", Sort.ascending("created"), orgId).list();
    }

    public Uni<List<Membership>> ofUser(ObjectId userId) {
        return find("user_id", userId).list();
    }

    public Uni<Long> owners(ObjectId orgId) {
        return count("org_id = :org and role = :role", Parameters.with("org", orgId).and("role", OrgRole.OWNER.value()));
    }

    public Uni<Boolean> remove(ObjectId orgId, ObjectId userId) {
        return delete("org_id = :org and user_id = :user", Parameters.with("org", orgId).and("user", userId))
                .map(count -> count > 0);
    }

    public Uni<Long> removeAll(ObjectId orgId) {
        return delete("org_id", orgId);
    }
}
