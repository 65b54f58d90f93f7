package dev.tarkka.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.http.OutboundHttp;
import dev.tarkka.userconfig.NotifierSettings;
import io.smallrye.mutiny.Uni;

/**
 * Slack through an incoming-webhook URL (no Slack app needed), switched on by Nyrkio's {@code notifiers.slack}.
 * Incoming webhooks take no idempotency key: a crash between Slack taking a message and the outbox recording it
 * sends that one message again after the lease expires.
 */
@ApplicationScoped
class SlackChannel implements Channel {

    private final OutboundHttp http;
    private final Messages messages;
    private final ObjectMapper json;
    private final TarkkaConfig.Notify config;

    SlackChannel(OutboundHttp http, Messages messages, ObjectMapper json, TarkkaConfig config) {
        this.http = http;
        this.messages = messages;
        this.json = json;
        this.config = config.notifications();
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean configured(NotifierSettings settings) {
        return settings.slack() && settings.slackWebhookUrl() != null;
    }

    @Override
    public Uni<String> deliver(OutboxEntry entry, NotifierSettings settings) {
        return post(settings, messages.slack(entry.change()));
    }

    @Override
    public Uni<String> test(NotifierSettings settings) {
        return post(settings, "Tarkka test message: notifications reach this channel.");
    }

    private Uni<String> post(NotifierSettings settings, String text) {
        return Uni.createFrom().item(() -> Bodies.json(json, Map.of("text", text)))
                .chain(body -> http.send(io.vertx.core.http.HttpMethod.POST, settings.slackWebhookUrl(),
                        Map.of("Content-Type", "application/json"), body, config.sendTimeout()))
                .map(Bodies::accepted);
    }
}
