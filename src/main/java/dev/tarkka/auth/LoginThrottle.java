package dev.tarkka.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import dev.tarkka.store.IndexedCollection;
import dev.tarkka.store.StoreErrors;
import dev.tarkka.store.StoreNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Limits password guessing against one account: after {@code max-failures} failed logins within a window,
 * every login for that email is refused with 429 until the window has passed, a correct password included.
 * Other accounts are not affected.
 * <p>
 * The counts live in the store ({@code login_failures}, keyed by the lower-cased email), so every replica
 * sees them and a restart does not reset them. An attempt is counted before its password is checked, with
 * one atomic {@code $inc}: parallel guesses cannot slip past the limit, and a success clears the count.
 * Unknown emails are counted like any other, so a 429 does not tell which accounts exist.
 * <p>
 * Metric: {@code tarkka.auth.logins}, by {@code outcome}: {@code success}, {@code failure} (wrong credentials) and
 * {@code throttled} (refused with 429).
 */
@ApplicationScoped
public class LoginThrottle implements IndexedCollection {

    static final String TOO_MANY_FAILURES = "Too many failed logins for this account; retry later";
    static final String FAILURES = "failures";
    /** End of the window; a TTL index removes documents once it has passed. */
    static final String EXPIRES_AT = "expires_at";

    private final StoreNames store;
    private final int maxFailures;
    private final Duration window;
    private final Counter succeededLogins;
    private final Counter failedLogins;
    private final Counter throttledLogins;

    LoginThrottle(StoreNames store, TarkkaConfig config, MeterRegistry registry) {
        this.store = store;
        this.maxFailures = config.auth().loginThrottle().maxFailures();
        this.window = config.auth().loginThrottle().window();
        this.succeededLogins = logins("success", registry);
        this.failedLogins = logins("failure", registry);
        this.throttledLogins = logins("throttled", registry);
    }

    private static Counter logins(String outcome, MeterRegistry registry) {
        return Counter.builder("tarkka.auth.logins").tag("outcome", outcome)
                .description("Password logins, by outcome").register(registry);
    }

    @Override
    public String collection() {
        return StoreNames.LOGIN_FAILURES;
    }

    /** Failures are looked up by email ({@code _id}); documents go away by themselves once their window has passed. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)));
    }

    /**
     * Counts a login attempt for {@code email} as a failure until {@link #succeeded} clears it; fails with 429
     * and Retry-After when the account already used up its window.
     */
    public Uni<Void> attempt(String email) {
        String key = UserAccount.emailKey(email);
        Instant now = Instant.now();
        Date expiresAt = Date.from(now.plus(window));
        // A window that has passed starts over with this attempt; only one of several racing attempts matches.
        return failures().updateOne(
                Filters.and(Filters.eq("_id", key), Filters.lte(EXPIRES_AT, Date.from(now))),
                Updates.combine(Updates.set(FAILURES, 1), Updates.set(EXPIRES_AT, expiresAt)))
                .chain(restarted -> restarted.getModifiedCount() > 0
                        ? Uni.createFrom().<Document> nullItem()
                        : count(key, expiresAt))
                .invoke(counted -> {
                    if (counted != null && counted.getInteger(FAILURES, 0) > maxFailures) {
                        throttledLogins.increment();
                        throw ApiException.tooManyRequests(TOO_MANY_FAILURES,
                                retryAfterSeconds(counted.getDate(EXPIRES_AT).toInstant(), now));
                    }
                })
                .replaceWithVoid();
    }

    /** A login with wrong credentials (it is already counted against the account). */
    public void failed() {
        failedLogins.increment();
    }

    /** A successful login: the account's failures are forgotten. */
    public Uni<Void> succeeded(String email) {
        succeededLogins.increment();
        return failures().deleteOne(Filters.eq("_id", UserAccount.emailKey(email))).replaceWithVoid();
    }

    /** Adds the attempt to the current window, opening one (upsert) when the email has none. */
    private Uni<Document> count(String key, Date expiresAt) {
        Bson update = Updates.combine(Updates.inc(FAILURES, 1), Updates.setOnInsert(EXPIRES_AT, expiresAt));
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true)
                .returnDocument(ReturnDocument.AFTER);
        return failures().findOneAndUpdate(Filters.eq("_id", key), update, options)
                // Two first attempts racing to insert: the loser's upsert hits the key, and a retry counts it.
                .onFailure(StoreErrors::isDuplicateKey).retry().atMost(1);
    }

    /** Whole seconds until the window ends, at least one: a client retrying at once would be refused. */
    private static long retryAfterSeconds(Instant expiresAt, Instant now) {
        long millis = Duration.between(now, expiresAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private ReactiveMongoCollection<Document> failures() {
        return store.collection(StoreNames.LOGIN_FAILURES);
    }
}
