package dev.tarkka.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.auth.AuthenticatedUser;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.detection.DataPoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.JsonBodies;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.results.ResultParser;
import dev.tarkka.userconfig.UserConfigService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v0/analyze}: the change report of data sent in the request, stored nowhere. The body is
 * either {@code {"series": [numbers], "time": [ints]?, ...options}}, or results in the upload format (a bare
 * array, or {@code {"results": [...], "test_name": ..., "disabled": [metrics]}}). Options not given come from
 * the caller's config.
 */
@Path("/api/v0/analyze")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AnalyzeResource {

    private final ChangeService changes;
    private final UserConfigService configs;
    private final SecurityIdentity identity;
    private final JsonBodies json;

    AnalyzeResource(ChangeService changes, UserConfigService configs, SecurityIdentity identity, JsonBodies json) {
        this.changes = changes;
        this.configs = configs;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> analyze(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body,
            @QueryParam("test_name") String testNameParam) {
        ObjectId owner = AuthenticatedUser.from(identity).id();
        return json.read(contentType, body).chain(request -> {
            JsonNode settings = request != null && request.isObject() ? request : null;
            String testName = text(settings, "test_name", testNameParam == null ? "analysis" : testNameParam);
            List<DataPoint> points = points(request);
            Set<String> disabled = disabled(settings);
            return configs.detectionOptions(owner)
                    .map(defaults -> options(settings, defaults))
                    .chain(options -> changes.report(testName, points, disabled, options));
        });
    }

    /** Metrics to leave out, as disabled metrics are left out of stored tests' reports. */
    private static Set<String> disabled(JsonNode settings) {
        JsonNode names = settings == null ? null : settings.get("disabled");
        if (names == null || names.isNull()) {
            return Set.of();
        }
        if (!names.isArray()) {
            throw invalid(List.of("body", "disabled"), "list_type", "Input should be a valid list");
        }
        Set<String> disabled = new HashSet<>();
        names.forEach(name -> disabled.add(name.asText()));
        return disabled;
    }

    private static List<DataPoint> points(JsonNode request) {
        if (request != null && request.isObject() && request.has("series")) {
            return series(request);
        }
        JsonNode results = request != null && request.isObject() ? request.get("results") : request;
        return ResultParser.parse(results).stream()
                .sorted(Comparator.comparingLong(r -> r.timestamp()))
                .map(ChangeService::toDataPoint)
                .toList();
    }

    /** A bare series: numbers (null for missing), times optional (default: the position). */
    private static List<DataPoint> series(JsonNode request) {
        JsonNode values = request.get("series");
        JsonNode times = request.get("time");
        String metric = text(request, "metric", "value");
        if (!values.isArray()) {
            throw invalid(List.of("body", "series"), "list_type", "Input should be a valid list");
        }
        if (times != null && (!times.isArray() || times.size() != values.size())) {
            throw invalid(List.of("body", "time"), "value_error", "time must be a list as long as series");
        }
        List<DataPoint> points = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isNull() && !(value.isNumber() && Double.isFinite(value.doubleValue()))) {
                throw invalid(List.of("body", "series", i), "float_type", "Input should be a finite number or null");
            }
            JsonNode time = times == null ? null : times.get(i);
            if (time != null && !time.canConvertToLong()) {
                throw invalid(List.of("body", "time", i), "int_type", "Input should be a valid integer");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(metric, value.isNull() ? null : value.doubleValue());
            points.add(new DataPoint(time == null ? i : time.longValue(), Map.of(), metrics));
        }
        return points;
    }

    /** Options given in the request over the caller's; invalid ones are a 400 like in the user config. */
    private static DetectionOptions options(JsonNode settings, DetectionOptions defaults) {
        if (settings == null) {
            return defaults;
        }
        return UserConfigService.options(
                settings.has("window_len") ? settings.get("window_len").asInt(-1) : null,
                settings.has("max_pvalue") ? settings.get("max_pvalue").asDouble(-1) : null,
                settings.has("min_magnitude") ? settings.get("min_magnitude").asDouble(-1) : null,
                settings.has("algorithm") ? settings.get("algorithm").asText() : null,
                defaults);
    }
    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : fallback;
    }

    private static ApiException invalid(List<Object> loc, String type, String msg) {
        return ApiException.validation(List.of(ValidationProblem.at(loc, type, msg, null)));
    }
}
