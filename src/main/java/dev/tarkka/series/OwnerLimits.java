package dev.tarkka.series;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.types.ObjectId;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * What one owner may store and how often it may upload ({@code tarkka.limits.*}). The counts come from the tests'
 * heads, read before the write: uploads racing each other may pass a limit by what they add together.
 */
@ApplicationScoped
public class OwnerLimits {

    private final TarkkaConfig.Limits limits;
    private final SeriesHeads heads;
    private final Clock clock;
    private final Map<ObjectId, Window> uploads = new ConcurrentHashMap<>();

    /** The minute an owner's uploads are counted in, and how many it has made in it. */
    private record Window(long minute, int uploads) {
    }

    @Inject
    OwnerLimits(TarkkaConfig config, SeriesHeads heads) {
        this(config.limits(), heads, Clock.systemUTC());
    }

    OwnerLimits(TarkkaConfig.Limits limits, SeriesHeads heads, Clock clock) {
        this.limits = limits;
        this.heads = heads;
        this.clock = clock;
    }

    /** Counts an upload of the owner on this instance; refuses it (429) beyond the uploads allowed per minute. */
    public void countUpload(ObjectId owner) {
        int allowed = limits.uploadsPerMinute();
        if (allowed <= 0) {
            return;
        }
        long now = clock.millis();
        long minute = now / 60_000;
        Window window = uploads.merge(owner, new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.uploads() + 1) : one);
        if (window.uploads() > allowed) {
            throw ApiException.tooManyRequests("Upload limit reached: tarkka.limits.uploads-per-minute is " + allowed
                    + "; retry after the minute ends", Math.max(1, (minute + 1) * 60 - now / 1000));
        }
        if (uploads.size() > 10_000) {
            uploads.values().removeIf(w -> w.minute() < minute); // owners that stopped uploading
        }
    }

    /**
     * Refuses (403, naming the limit) {@code adding} new points that would take the test beyond the points a test
     * may have, or start a test beyond the tests an owner may have; nothing is written then.
     */
    Uni<Void> checkRoom(ObjectId owner, String testName, int adding) {
        if (adding == 0) {
            return Uni.createFrom().voidItem();
        }
        return heads.find(owner, testName).chain(head -> {
            long stored = head == null ? 0 : head.count();
            long points = limits.pointsPerTest();
            if (points > 0 && stored + adding > points) {
                return Uni.createFrom().failure(refused("tarkka.limits.points-per-test", points, "points in a test",
                        "the test has " + stored + " and the upload adds " + adding));
            }
            long tests = limits.testsPerOwner();
            if (head != null || tests <= 0) {
                return Uni.createFrom().voidItem();
            }
            return heads.count(owner).chain(count -> count >= tests
                    ? Uni.createFrom().failure(refused("tarkka.limits.tests-per-owner", tests, "tests",
                            "there are " + count + " and the upload starts one more"))
                    : Uni.createFrom().voidItem());
        });
    }

    private static ApiException refused(String setting, long limit, String what, String why) {
        return new ApiException(403, "Limit reached: " + setting + " allows " + limit + " " + what + "; " + why
                + ". Nothing was stored.");
    }
}
