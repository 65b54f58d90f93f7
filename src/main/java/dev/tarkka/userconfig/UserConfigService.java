package dev.tarkka.userconfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;
import dev.tarkka.http.OutboundTargets;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Per-user configuration: notifier settings and the change-detection options ({@code core}). Every change
 * of the options gives a different cache key, so no report computed with other options is ever served.
 */
@ApplicationScoped
public class UserConfigService {

    /** Keeps one analysis within a predictable cost (windows are analysed in O(window²)). */
    public static final int MAX_WINDOW_LEN = 1000;

    private final UserConfigStore store;
    private final OutboundTargets targets;

    UserConfigService(UserConfigStore store, OutboundTargets targets) {
        this.store = store;
        this.targets = targets;
    }

    /** What GET answers: the stored keys, secrets masked, with billing always null (Tarkka has no billing). */
    public Uni<UserConfig> read(ObjectId owner) {
        return store.find(owner).map(stored -> new UserConfig(
                stored.notifiers() == null ? null : stored.notifiers().masked(), stored.core(), null, null));
    }

    public Uni<Void> write(ObjectId owner, UserConfigRequest request) {
        if (request.billing() != null || request.billingRunners() != null) {
            throw ApiException.badRequest("You cannot set billing plan");
        }
        if (request.github() != null) {
            throw ApiException.badRequest("You cannot set github app config");
        }
        UserConfigRequest.Core core = request.core() == null ? null : checked(request.core());
        return checkTargets(request.notifiers()).chain(() -> store.merge(owner, request.notifiers(), core));
    }

    /** The owner's notifier settings, secrets included; {@link NotifierSettings#NONE} when there are none. */
    public Uni<NotifierSettings> notifiers(ObjectId owner) {
        return store.find(owner).map(stored -> stored.notifiers() == null ? NotifierSettings.NONE : stored.notifiers());
    }

    /** The URLs a write sets must not lead into the service's own network (a 400 naming the field). */
    private Uni<Void> checkTargets(UserConfigRequest.Notifiers notifiers) {
        if (notifiers == null) {
            return Uni.createFrom().voidItem();
        }
        if (notifiers.sinceDays() < 0) {
            throw ApiException.badRequest("since_days must not be negative");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        present(notifiers.slackWebhookUrl()).ifPresent(url -> urls.put("notifiers.slack_webhook_url", url));
        present(notifiers.githubApiUrl()).ifPresent(url -> urls.put("notifiers.github_api_url", url));
        present(notifiers.webhook()).map(UserConfigRequest.Webhook::url)
                .ifPresent(url -> urls.put("notifiers.webhook.url", url));
        urls.values().removeIf(NotifierSettings::isMasked);
        return Multi.createFrom().iterable(urls.entrySet())
                .onItem().transformToUniAndConcatenate(url -> targets.checkSaved(url.getKey(), url.getValue()))
                .collect().last().replaceWithVoid();
    }

    private static <T> Optional<T> present(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    public Uni<Void> delete(ObjectId owner) {
        return store.delete(owner);
    }

    /** The owner's change-detection options: their {@code core} settings over Nyrkio's defaults. */
    public Uni<DetectionOptions> detectionOptions(ObjectId owner) {
        return store.find(owner).map(stored -> detectionOptions(stored.core()));
    }

    static DetectionOptions detectionOptions(UserConfigRequest.Core core) {
        DetectionOptions defaults = DetectionOptions.NYRKIO_DEFAULTS;
        if (core == null) {
            return defaults;
        }
        return new DetectionOptions(
                core.windowLen() == null ? defaults.windowLen() : core.windowLen(),
                core.maxPvalue() == null ? defaults.maxPvalue() : core.maxPvalue(),
                core.minMagnitude() == null ? defaults.minMagnitude() : core.minMagnitude(),
                core.algorithm() == null ? defaults.algorithm() : Algorithm.fromWireName(core.algorithm()));
    }

    /** The {@code core} settings as stored: checked, the algorithm's name normalised. */
    private static UserConfigRequest.Core checked(UserConfigRequest.Core core) {
        DetectionOptions options = options(core.windowLen(), core.maxPvalue(), core.minMagnitude(), core.algorithm(),
                DetectionOptions.NYRKIO_DEFAULTS);
        return new UserConfigRequest.Core(options.minMagnitude(), options.maxPvalue(),
                core.algorithm() == null ? null : options.algorithm().wireName(),
                core.windowLen() == null ? null : options.windowLen());
    }

    /**
     * Detection options from values a client sent, each falling back to {@code defaults} when absent; a 400
     * naming the first value that is out of range.
     */
    public static DetectionOptions options(Integer windowLen, Double maxPvalue, Double minMagnitude, String algorithm,
            DetectionOptions defaults) {
        double p = maxPvalue == null ? defaults.maxPvalue() : maxPvalue;
        double m = minMagnitude == null ? defaults.minMagnitude() : minMagnitude;
        int w = windowLen == null ? defaults.windowLen() : windowLen;
        if (p > 1.0) {
            throw ApiException.badRequest("max_pvalue must be less than or equal to 1.0");
        }
        if (!(p >= 0.0)) {
            throw ApiException.badRequest("max_pvalue must not be negative");
        }
        if (!(m >= 0.0) || Double.isInfinite(m)) {
            throw ApiException.badRequest("min_magnitude must be a finite number, not negative");
        }
        if (w < 2 || w > MAX_WINDOW_LEN) {
            throw ApiException.badRequest("window_len must be between 2 and " + MAX_WINDOW_LEN);
        }
        Algorithm a = defaults.algorithm();
        if (algorithm != null) {
            try {
                a = Algorithm.fromWireName(algorithm);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("algorithm must be one of: otava, hunter, tarkka");
            }
        }
        return new DetectionOptions(w, p, m, a);
    }
}
