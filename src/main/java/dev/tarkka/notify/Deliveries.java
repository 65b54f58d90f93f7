package dev.tarkka.notify;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.http.OutboundTargets;
import dev.tarkka.userconfig.UserConfigService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The outbox worker of this instance: claims due notifications, sends them with a timeout, and records what came
 * of it. A failed send is retried with exponential backoff up to {@code tarkka.notify.max-attempts}. Runs on
 * every replica; the claim's lease keeps each notification with one of them at a time.
 * <p>
 * Metrics: {@code tarkka.notify.deliveries} (sends of this instance, by {@code channel} and {@code outcome}:
 * {@code delivered}, {@code retry}, {@code failed} for given up, {@code skipped}) and {@code tarkka.notify.backlog}
 * (notifications waiting in the outbox, for all instances together: every instance reports the same number).
 */
@ApplicationScoped
class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    /** Notifications one run claims at most, and sends at once. */
    static final int BATCH = 32;
    static final int CONCURRENCY = 4;

    private final Outbox outbox;
    private final UserConfigService configs;
    private final Map<String, Channel> channels;
    private final TarkkaConfig.Notify config;
    /** This instance, as the holder of the leases it takes. */
    private final String worker = UUID.randomUUID().toString();
    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final Gauge backlogGauge;

    Deliveries(Outbox outbox, UserConfigService configs, Instance<Channel> channels, TarkkaConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.configs = configs;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.config = config.notifications();
        this.registry = registry;
        this.backlogGauge = Gauge.builder("tarkka.notify.backlog", backlog, AtomicLong::get)
                .description("Notifications waiting in the outbox (all instances), as of the last count").register(registry);
    }

    /** The gauge reads this instance's count: a registry that outlives it (a restart in the same JVM) must drop it. */
    @PreDestroy
    void removeGauge() {
        registry.remove(backlogGauge);
    }

    /** Counted apart from the deliveries: a gauge must not query the store when it is scraped. */
    @Scheduled(every = "${tarkka.notify.backlog-interval}", delayed = "2S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countBacklog() {
        return outbox.pending().invoke(backlog::set).replaceWithVoid()
                .onFailure().recoverWithNull(); // the store is away: the last count stands until the next one
    }

    private void count(OutboxEntry entry, String outcome) {
        Counter.builder("tarkka.notify.deliveries").tag("channel", entry.channel()).tag("outcome", outcome)
                .description("Notification sends of this instance, by channel and outcome").register(registry).increment();
    }

    @Scheduled(every = "${tarkka.notify.poll-interval}", delayed = "2S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverDue() {
        // claims lazily, as a send slot frees up; a repetition drops null items, hence the Optional
        return Multi.createBy().repeating().uni(() -> outbox.claim(worker, config.lease()).map(Optional::ofNullable))
                .until(Optional::isEmpty)
                .map(Optional::get)
                .select().first(BATCH)
                .onItem().transformToUni(this::deliver).merge(CONCURRENCY)
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    // the store is away, say: the next run tries again
                    LOG.debugf("Notification delivery run stopped: %s", e.getMessage());
                    return null;
                });
    }

    private Uni<Void> deliver(OutboxEntry entry) {
        Channel channel = channels.get(entry.channel());
        return configs.notifiers(entry.owner()).chain(settings -> {
            if (channel == null || !channel.configured(settings)) {
                count(entry, "skipped");
                return outbox.skipped(entry, worker, "the channel is no longer configured");
            }
            return channel.deliver(entry, settings)
                    .ifNoItem().after(config.sendTimeout().multipliedBy(3)).failWith(TimeoutException::new)
                    .invoke(() -> count(entry, "delivered"))
                    .chain(outcome -> outbox.delivered(entry, worker, outcome))
                    .onFailure().recoverWithUni(e -> {
                        Instant retryAt = entry.attempts() >= config.maxAttempts() ? null : Instant.now().plus(backoff(entry.attempts()));
                        count(entry, retryAt == null ? "failed" : "retry");
                        LOG.infof("Notification %s (%s, attempt %d) not delivered: %s%s", entry.id(), entry.channel(),
                                entry.attempts(), reason(e), retryAt == null ? "; giving up" : "; retrying");
                        return outbox.failed(entry, worker, reason(e), retryAt);
                    });
        });
    }

    /** The delay before retry number {@code attempts}: doubling from the first, up to the longest. */
    Duration backoff(int attempts) {
        Duration delay = config.retryDelay();
        for (int i = 1; i < attempts && delay.compareTo(config.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
    }

    /** A failure in one line, without anything the target answered beyond its status. */
    static String reason(Throwable e) {
        if (e instanceof DeliveryFailure || e instanceof OutboundTargets.RefusedTarget) {
            return e.getMessage();
        }
        if (e instanceof TimeoutException || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return "the target did not answer in time";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "the target refused the connection";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
