package dev.tarkka.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * Accounts and API tokens read from the store by one request, reused by the requests that follow for at most
 * {@code tarkka.auth.account-cache-ttl}: every request checks its caller, and on a busy replica most would otherwise
 * read the same few documents again. A change made by this process forgets everything at once; one made on another
 * replica is seen when the entry expires. Only what was found is kept.
 */
final class RecentReads<K, V> {

    /** Null when reuse is off (a time of zero). */
    private final Cache<K, V> entries;
    /** Counts changes, so a read that began before one does not keep what it found. */
    private final AtomicLong changes = new AtomicLong();

    RecentReads(Duration ttl, long maximumEntries) {
        this.entries = ttl.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumEntries).build();
    }

    Uni<V> get(K key, Function<K, Uni<V>> read) {
        if (entries == null) {
            return read.apply(key);
        }
        V recent = entries.getIfPresent(key);
        if (recent != null) {
            return Uni.createFrom().item(recent);
        }
        long changesBefore = changes.get();
        return read.apply(key).invoke(found -> {
            if (found != null && changes.get() == changesBefore) {
                entries.put(key, found);
                if (changes.get() != changesBefore) { // a change landed between the check and the put
                    entries.invalidate(key);
                }
            }
        });
    }

    /** After a change to any of them: the next request reads from the store again. */
    void forgetAll() {
        changes.incrementAndGet();
        if (entries != null) {
            entries.invalidateAll();
        }
    }
}
