package dev.tarkka.series;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.tarkka.store.Ownership;
import dev.tarkka.store.StoreNames;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Gives every test stored before series heads existed a head, once: the tests are listed from their heads, and a
 * head without chunks makes the first read build them. Then, likewise, every test with pull-request points stored
 * before {@link PullTests} existed its row. Safe beside uploads and on several replicas at once, since a
 * head is only ever created if missing; done when the {@code migrations} collection says so.
 */
@ApplicationScoped
class SeriesHeadsBackfill {

    private static final Logger LOG = Logger.getLogger(SeriesHeadsBackfill.class);
    private static final String DONE = "series_heads";
    private static final String PULL_TESTS_DONE = "pull_tests";
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final StoreNames store;
    private final SeriesHeads heads;
    private final PullTests pullTests;
    private volatile Cancellable running;

    SeriesHeadsBackfill(StoreNames store, SeriesHeads heads, PullTests pullTests) {
        this.store = store;
        this.heads = heads;
        this.pullTests = pullTests;
    }

    void onStart(@Observes StartupEvent event) {
        running = run()
                .onFailure().invoke(e -> LOG.warnf("Series heads not backfilled yet (%s); retrying in %ss",
                        e.getMessage(), RETRY_DELAY.toSeconds()))
                .onFailure().retry().withBackOff(RETRY_DELAY, RETRY_DELAY).indefinitely()
                .subscribe().with(count -> {
                    if (count > 0) {
                        LOG.infof("Gave %d stored tests a series head", count);
                    }
                });
    }

    /**
     * Backfills the heads unless done before, then the pull-request rows likewise; answers how many tests got a
     * head.
     */
    Uni<Long> run() {
        return once(DONE, heads::notEveryTestHasOne, this::backfill).invoke(heads::everyTestHasOne)
                .call(count -> once(PULL_TESTS_DONE, () -> pullTests.completed(false), pullTests::backfill)
                        .invoke(() -> pullTests.completed(true)));
    }

    /** Runs {@code backfill} unless the migration {@code name} is recorded as done, then records it. */
    private Uni<Long> once(String name, Runnable starting, Supplier<Uni<Long>> backfill) {
        var migrations = store.collection(StoreNames.MIGRATIONS);
        return migrations.find(Filters.eq("_id", name)).collect().first()
                .chain(done -> done != null ? Uni.createFrom().item(0L) : Uni.createFrom().voidItem()
                        .invoke(starting).chain(backfill::get)
                        .call(count -> migrations.replaceOne(Filters.eq("_id", name),
                                new Document("_id", name).append("at", new Date()).append("tests", count),
                                new ReplaceOptions().upsert(true))));
    }

    void onStop(@Observes ShutdownEvent event) {
        Cancellable pending = running;
        if (pending != null) {
            pending.cancel();
        }
    }

    /** Creates the missing heads of every owner's tests that have points of their own; answers how many tests. */
    private Uni<Long> backfill() {
        var tests = store.collection(StoreNames.RESULTS).aggregate(List.of(
                Aggregates.match(Filters.exists(PointCodec.PULL_REQUEST, false)),
                Aggregates.group(new Document("owner", "$" + Ownership.USER_ID).append("test", "$" + Ownership.TEST_NAME))));
        return tests.onItem().transformToUniAndConcatenate(group -> {
            Document key = group.get("_id", Document.class);
            return heads.ensure(key.get("owner", ObjectId.class), key.getString("test")).replaceWith(key);
        }).collect().with(Collectors.counting());
    }
}
