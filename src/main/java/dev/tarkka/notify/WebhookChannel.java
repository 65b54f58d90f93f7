package dev.tarkka.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.http.OutboundHttp;
import dev.tarkka.userconfig.NotifierSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * A generic webhook: the notice as JSON, posted to the owner's URL. Signed as GitHub signs its webhooks:
 * {@code X-Tarkka-Signature-256: sha256=<hex HMAC-SHA256 of the body>} with the owner's secret. Every send of one
 * notification carries the same {@code X-Tarkka-Delivery} id, so a receiver can drop a repeat.
 */
@ApplicationScoped
class WebhookChannel implements Channel {

    static final String SIGNATURE = "X-Tarkka-Signature-256";
    static final String DELIVERY = "X-Tarkka-Delivery";
    static final String EVENT = "X-Tarkka-Event";

    /** The payload of a change notification (the README documents it). */
    record Payload(String event, String delivery, String testName, long time, String gitCommit, String gitRepo,
            String branch, String kind, String link, List<Change> changes) {
    }

    record Change(String metric, String unit, String direction, String kind, double forwardChangePercent,
            double magnitude, double meanBefore, double meanAfter, double pvalue) {
    }

    private final OutboundHttp http;
    private final Messages messages;
    private final ObjectMapper json;
    private final TarkkaConfig.Notify config;

    WebhookChannel(OutboundHttp http, Messages messages, ObjectMapper json, TarkkaConfig config) {
        this.http = http;
        this.messages = messages;
        this.json = json;
        this.config = config.notifications();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean configured(NotifierSettings settings) {
        return settings.webhookUrl() != null;
    }

    @Override
    public Uni<String> deliver(OutboxEntry entry, NotifierSettings settings) {
        ChangeNotice notice = entry.change();
        Payload payload = new Payload("change_point", entry.id(), notice.testName(), notice.time(), notice.gitCommit(),
                notice.gitRepo(), notice.branch(), kind(notice), messages.link(notice.testName()),
                notice.changes().stream().map(c -> new Change(c.metric(), c.unit(), c.direction(), c.kind().word(),
                        c.forwardChangePercent(), c.magnitude(), c.meanBefore(), c.meanAfter(), c.pvalue())).toList());
        return post(settings, "change_point", entry.id(), payload);
    }

    @Override
    public Uni<String> test(NotifierSettings settings) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "test");
        payload.put("message", "Tarkka test message: notifications reach this webhook.");
        return post(settings, "test", "test-" + System.currentTimeMillis(), payload);
    }

    private Uni<String> post(NotifierSettings settings, String event, String delivery, Object payload) {
        return Uni.createFrom().item(() -> Bodies.json(json, payload)).chain(body -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Tarkka");
            headers.put(EVENT, event);
            headers.put(DELIVERY, delivery);
            if (settings.webhookSecret() != null) {
                headers.put(SIGNATURE, signature(settings.webhookSecret(), body));
            }
            return http.send(HttpMethod.POST, settings.webhookUrl(), headers, body, config.sendTimeout());
        }).map(Bodies::accepted);
    }

    /** The notice's kind, for machines: {@code regression}, {@code improvement} or {@code change}. */
    static String kind(ChangeNotice notice) {
        return notice.hasRegression() ? "regression" : notice.onlyImprovements() ? "improvement" : "change";
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body, keyed with the secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
