package dev.tarkka.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.auth.AuthenticatedUser;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.detection.Algorithm;
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
 * array, or {@code {"results": [...], "test_name": ...}}). Options not given come from the caller's config.
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
    public Uni<Map<String, Object>> analyze(String body, @QueryParam("test_name") String testNameParam) {
        JsonNode request = json.parse(body);
        JsonNode settings = request != null && request.isObject() ? request : null;
        String testName = text(settings, "test_name", testNameParam == null ? "analysis" : testNameParam);
        List<DataPoint> points = points(request);
        return configs.detectionOptions(AuthenticatedUser.from(identity).id())
                .map(defaults -> options(settings, defaults))
                .chain(options -> changes.report(testName, points, options));
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
        int windowLen = settings.has("window_len") ? settings.get("window_len").asInt(-1) : defaults.windowLen();
        double maxPvalue = settings.has("max_pvalue") ? settings.get("max_pvalue").asDouble(-1) : defaults.maxPvalue();
        double minMagnitude = settings.has("min_magnitude") ? settings.get("min_magnitude").asDouble(-1)
                : defaults.minMagnitude();
        if (windowLen < 2 || windowLen > UserConfigService.MAX_WINDOW_LEN) {
            throw ApiException.badRequest("window_len must be between 2 and " + UserConfigService.MAX_WINDOW_LEN);
        }
        if (!(maxPvalue >= 0 && maxPvalue <= 1)) {
            throw ApiException.badRequest("max_pvalue must be between 0 and 1");
        }
        if (!(minMagnitude >= 0) || Double.isInfinite(minMagnitude)) {
            throw ApiException.badRequest("min_magnitude must be a finite number, not negative");
        }
        Algorithm algorithm = defaults.algorithm();
        if (settings.has("algorithm")) {
            try {
                algorithm = Algorithm.fromWireName(settings.get("algorithm").asText());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("algorithm must be one of: otava, hunter");
            }
        }
        return new DetectionOptions(windowLen, maxPvalue, minMagnitude, algorithm);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : fallback;
    }

    private static ApiException invalid(List<Object> loc, String type, String msg) {
        return ApiException.validation(List.of(ValidationProblem.at(loc, type, msg, null)));
    }
}
