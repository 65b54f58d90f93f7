package dev.tarkka.store;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Creates the indexes every store declares ({@link IndexedCollection}) in the background (startup must not wait
 * for, or fail on, an unreachable MongoDB: readiness reports the store) and stops the embedded store on shutdown.
 */
@ApplicationScoped
public class StoreLifecycle {

    private static final Logger LOG = Logger.getLogger(StoreLifecycle.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final StoreNames names;
    private final Instance<IndexedCollection> stores;
    private volatile Cancellable indexCreation;

    StoreLifecycle(StoreNames names, Instance<IndexedCollection> stores) {
        this.names = names;
        this.stores = stores;
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
        return Multi.createFrom().iterable(stores.stream().filter(s -> !s.indexes().isEmpty()).toList())
                .onItem().transformToUniAndMerge(s -> names.collection(s.collection()).createIndexes(s.indexes()))
                .collect().last().replaceWithVoid();
    }
}
