package dev.tarkka.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.tarkka.error.ApiException;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What owners are told, recorded in the outbox before the write that found it answers; the worker
 * ({@link Deliveries}) sends it. Only change points within the owner's {@code since_days} are announced, each once
 * per channel, and improvements not at all when {@code regressions_only} is set.
 */
@ApplicationScoped
public class Notifications {

    private final UserConfigService configs;
    private final Outbox outbox;
    private final List<Channel> channels;

    Notifications(UserConfigService configs, Outbox outbox, Instance<Channel> channels) {
        this.configs = configs;
        this.outbox = outbox;
        this.channels = channels.stream().toList();
    }

    /** What an answer says when its data is stored but what to announce of it could not be recorded. */
    public static final String NOT_RECORDED = "Notifications could not be recorded yet; the next upload, or"
            + " GET /api/v0/result/{name}/changes?notify=1, records them";

    /** Records what the owner's channels announce of these change points (nothing twice). */
    public Uni<Void> record(ObjectId owner, List<ChangeNotice> notices) {
        if (notices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return configs.notifiers(owner).chain(settings -> {
            Instant now = Instant.now();
            long oldest = now.minus(Duration.ofDays(settings.sinceDays())).getEpochSecond();
            List<Document> entries = new ArrayList<>();
            for (ChangeNotice notice : notices) {
                if (notice.time() < oldest || (settings.regressionsOnly() && notice.onlyImprovements())) {
                    continue;
                }
                for (Channel channel : channels) {
                    if (channel.configured(settings) && channel.announces(notice)) {
                        entries.add(Outbox.entry(owner, channel.name(), notice, null, now));
                    }
                }
            }
            return outbox.record(entries);
        });
    }

    /** Records a pull request's verdict for the channels that comment on pull requests. */
    public Uni<Void> record(ObjectId owner, PullNotice notice) {
        return configs.notifiers(owner).chain(settings -> {
            Instant now = Instant.now();
            List<Document> entries = new ArrayList<>();
            for (Channel channel : channels) {
                if (channel.configured(settings) && channel.announcesPulls()) {
                    entries.add(Outbox.entry(owner, channel.name(), null, notice, now));
                }
            }
            return outbox.record(entries);
        });
    }

    /** What a recorded notification looks like to its owner. */
    @Schema(name = "Notification", examples = """
            {"id": "9c2e4f1a7b3d5e6f", "channel": "slack", "subject": "myorg/myrepo/main/bench@d4e5f6", "status": "delivered",
             "attempts": 1, "last_error": null, "outcome": "200", "created": "2026-11-29T10:00:00Z",
             "delivered_at": "2026-11-29T10:00:01Z"}""")
    public record Delivery(String id, String channel, String subject, String status, int attempts, String lastError,
            String outcome, Instant created, Instant deliveredAt) {
    }

    /** Forgets every notification of the owner, delivered or not (the owner is being deleted). */
    public Uni<Void> forgetAll(ObjectId owner) {
        return outbox.deleteAll(owner);
    }

    public Uni<List<Delivery>> recent(ObjectId owner) {
        return outbox.recent(owner, 100).map(entries -> entries.stream()
                .map(e -> new Delivery(e.id(), e.channel(), e.subject(), e.status(), e.attempts(), e.lastError(),
                        e.outcome(), e.created(), e.deliveredAt()))
                .toList());
    }

    /** The outcome of a test message on one channel. */
    @Schema(examples = "{\"ok\": true, \"detail\": \"delivered (200)\"}")
    public record TestOutcome(boolean ok, String detail) {
    }

    /** Sends a test message to each channel the owner configured, now; a 400 when there is none. */
    public Uni<Map<String, TestOutcome>> test(ObjectId owner) {
        return configs.notifiers(owner).chain(settings -> {
            List<Channel> configured = channels.stream().filter(c -> c.configured(settings)).toList();
            if (configured.isEmpty()) {
                throw ApiException.badRequest("No notification channel is configured: set notifiers in /user/config");
            }
            return Multi.createFrom().iterable(configured)
                    .onItem().transformToUniAndConcatenate(channel -> channel.test(settings)
                            .map(detail -> new TestOutcome(true, detail))
                            .onFailure().recoverWithItem(e -> new TestOutcome(false, Deliveries.reason(e)))
                            .map(outcome -> Map.entry(channel.name(), outcome)))
                    .collect().in(LinkedHashMap<String, TestOutcome>::new, (map, e) -> map.put(e.getKey(), e.getValue()));
        });
    }
}
