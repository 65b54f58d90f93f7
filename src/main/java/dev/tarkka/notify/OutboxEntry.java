package dev.tarkka.notify;

import java.time.Instant;

import org.bson.types.ObjectId;

/**
 * A notification recorded for delivery: to whom, on which channel, about what, and how its delivery went.
 * Exactly one of {@code change} and {@code pull} is set.
 *
 * @param id       deterministic from owner, channel and subject: recording the same notice twice is one entry, and
 *                 the id goes with every send so that targets can tell a repeated delivery
 * @param attempts sends started so far (the one under way included)
 * @param status   {@code pending} (waiting or being sent), {@code delivered}, {@code failed} (gave up) or
 *                 {@code skipped} (the channel was turned off meanwhile)
 */
public record OutboxEntry(String id, ObjectId owner, String channel, String subject, ChangeNotice change,
        PullNotice pull, String status, int attempts, String lastError, String outcome, Instant created,
        Instant deliveredAt) {

    /** Whether an earlier attempt may have reached the target before its outcome was recorded. */
    boolean mayHaveBeenSent() {
        return attempts > 1;
    }
}
