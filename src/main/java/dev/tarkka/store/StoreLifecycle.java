package dev.tarkka.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Creates the store's indexes in the background (startup must not wait for, or fail on, an unreachable
 * MongoDB: readiness reports the store) and stops the embedded store on shutdown.
 */
@ApplicationScoped
public class StoreLifecycle {

    private static final Logger LOG = Logger.getLogger(StoreLifecycle.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final ReactiveMongoClient client;
    private final StoreNames names;
    private volatile Cancellable indexCreation;

    StoreLifecycle(ReactiveMongoClient client, StoreNames names) {
        this.client = client;
        this.names = names;
    }

    void onStart(@Observes StartupEvent event) {
        indexCreation = createIndexes()
                .onFailure().invoke(e -> LOG.warnf("Store indexes not created yet (%s); retrying in %ss",
                        e.getMessage(), RETRY_DELAY.toSeconds()))
                .onFailure().retry().withBackOff(RETRY_DELAY, RETRY_DELAY).indefinitely()
                .subscribe().with(ignored -> LOG.debug("Store indexes ready"));
    }

    void onStop(@Observes ShutdownEvent event) {
        Cancellable pending = indexCreation;
        if (pending != null) {
            pending.cancel();
        }
        EmbeddedStore.stop();
    }

    Uni<Void> createIndexes() {
        ReactiveMongoDatabase db = client.getDatabase(names.database());
        return Uni.combine().all().unis(
                db.getCollection(StoreNames.RESULTS).createIndexes(List.of(
                        new IndexModel(Indexes.ascending("user_id", "test_name", "timestamp")))),
                db.getCollection(StoreNames.USERS).createIndexes(List.of(
                        new IndexModel(new Document("email_key", 1), new IndexOptions().unique(true)))),
                db.getCollection(StoreNames.API_TOKENS).createIndexes(List.of(
                        new IndexModel(Indexes.ascending("user_id")))),
                // login failures go away by themselves once their window has passed
                db.getCollection(StoreNames.LOGIN_FAILURES).createIndexes(List.of(
                        new IndexModel(Indexes.ascending("expires_at"),
                                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)))))
                .discardItems();
    }
}
