package dev.tarkka.userconfig;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;
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

    UserConfigService(UserConfigStore store) {
        this.store = store;
    }

    /** What GET answers: the stored keys, with billing always null (Tarkka has no billing). */
    public Uni<Map<String, Object>> read(ObjectId owner) {
        return store.find(owner).map(doc -> {
            Map<String, Object> config = new LinkedHashMap<>();
            if (doc != null) {
                doc.forEach((key, value) -> {
                    if (!key.equals("_id") && !key.equals(UserConfigStore.USER_ID) && !key.equals("meta")) {
                        config.put(key, value);
                    }
                });
            }
            config.put("billing", null);
            config.put("billing_runners", null);
            return config;
        });
    }

    public Uni<Void> write(ObjectId owner, UserConfigRequest request) {
        Document keys = validate(request);
        return store.merge(owner, keys);
    }

    public Uni<Void> delete(ObjectId owner) {
        return store.delete(owner);
    }

    /** The caller's change-detection options: their {@code core} settings over Nyrkio's defaults. */
    public Uni<DetectionOptions> detectionOptions(ObjectId owner) {
        return store.find(owner).map(UserConfigService::detectionOptions);
    }

    static DetectionOptions detectionOptions(Document config) {
        DetectionOptions defaults = DetectionOptions.NYRKIO_DEFAULTS;
        Document core = config == null ? null : config.get("core", Document.class);
        if (core == null) {
            return defaults;
        }
        return new DetectionOptions(
                number(core, "window_len", defaults.windowLen()).intValue(),
                number(core, "max_pvalue", defaults.maxPvalue()).doubleValue(),
                number(core, "min_magnitude", defaults.minMagnitude()).doubleValue(),
                core.getString("algorithm") == null ? defaults.algorithm() : Algorithm.fromWireName(core.getString("algorithm")));
    }

    private static Number number(Document doc, String key, Number fallback) {
        Object value = doc.get(key);
        return value instanceof Number n ? n : fallback;
    }

    /** The keys to store, or a 400 naming what cannot be set (api.md §6). */
    private static Document validate(UserConfigRequest request) {
        if (request.billing() != null || request.billingRunners() != null) {
            throw ApiException.badRequest("You cannot set billing plan");
        }
        if (request.github() != null) {
            throw ApiException.badRequest("You cannot set github app config");
        }
        Document keys = new Document();
        if (request.notifiers() != null) {
            UserConfigRequest.Notifiers n = request.notifiers();
            if (n.sinceDays() < 0) {
                throw ApiException.badRequest("since_days must not be negative");
            }
            keys.append("notifiers", new Document("slack", n.slack()).append("github", n.github())
                    .append("since_days", n.sinceDays()).append("github_pr", n.githubPr()));
        }
        if (request.core() != null) {
            keys.append("core", core(request.core()));
        }
        return keys;
    }

    private static Document core(UserConfigRequest.Core core) {
        DetectionOptions options = options(core.windowLen(), core.maxPvalue(), core.minMagnitude(), core.algorithm(),
                DetectionOptions.NYRKIO_DEFAULTS);
        Document doc = new Document("min_magnitude", options.minMagnitude()).append("max_pvalue", options.maxPvalue());
        if (core.algorithm() != null) {
            doc.append("algorithm", options.algorithm().wireName());
        }
        if (core.windowLen() != null) {
            doc.append("window_len", options.windowLen());
        }
        return doc;
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
