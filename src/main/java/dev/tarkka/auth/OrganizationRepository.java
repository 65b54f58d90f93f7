package dev.tarkka.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;

import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreNames;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrganizationRepository implements ReactivePanacheMongoRepository<Organization>, IndexedCollection {

    @Override
    public String collection() {
        return StoreNames.ORGANIZATIONS;
    }

    /** Names are unique ignoring case: the lower-cased name is the key. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(new Document("name_key", 1), new IndexOptions().unique(true)));
    }

    public Uni<Organization> findByName(String name) {
        return find("name_key", Organization.nameKey(name)).firstResult();
    }
}
