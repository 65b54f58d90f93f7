package dev.tarkka.analyze;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.SeriesColumns;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.UploadParser;
import dev.tarkka.userconfig.UserConfigService;

/**
 * A validated {@code POST /analyze} body: either {@code {"series": [numbers], "time": [ints]?, ...options}},
 * or results in the upload format (a bare array, or {@code {"results": [...], "test_name": ...,
 * "disabled": [metrics]}}).
 *
 * @param settings the body when it is an object (it may carry options), else null
 */
record AnalyzeRequest(String testName, SeriesColumns series, Set<String> disabled, JsonNode settings) {

    static AnalyzeRequest of(JsonNode body, String testNameParam) {
        JsonNode settings = body != null && body.isObject() ? body : null;
        String testName = text(settings, "test_name", testNameParam == null ? "analysis" : testNameParam);
        return new AnalyzeRequest(testName, columns(body), disabled(settings), settings);
    }

    /** Options given in the request over the caller's; invalid ones are a 400 like in the user config. */
    DetectionOptions options(DetectionOptions defaults) {
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

    /** Metrics to leave out, as disabled metrics are left out of stored tests' reports. */
    private static Set<String> disabled(JsonNode settings) {
        JsonNode names = settings == null ? null : settings.get("disabled");
        if (names == null || names.isNull()) {
            return Set.of();
        }
        if (!names.isArray()) {
            throw ApiException.invalid(ValidationProblem.notAList(List.of("body", "disabled"), null));
        }
        Set<String> disabled = new HashSet<>();
        names.forEach(name -> disabled.add(name.asText()));
        return disabled;
    }

    private static SeriesColumns columns(JsonNode body) {
        if (body != null && body.isObject() && body.has("series")) {
            return series(body);
        }
        JsonNode results = body != null && body.isObject() ? body.get("results") : body;
        return SeriesColumns.of(UploadParser.parse(results).stream()
                .sorted(Comparator.comparingLong(ResultInput::timestamp))
                .map(ResultInput::toDataPoint)
                .toList());
    }

    /**
     * A bare series: numbers (null for missing), times optional (default: the position). Straight into columns: a
     * long series is most of the request's reading.
     */
    private static SeriesColumns series(JsonNode body) {
        JsonNode values = body.get("series");
        JsonNode times = body.get("time");
        String metric = text(body, "metric", "value");
        if (!values.isArray()) {
            throw ApiException.invalid(ValidationProblem.notAList(List.of("body", "series"), null));
        }
        if (times != null && (!times.isArray() || times.size() != values.size())) {
            throw invalid(List.of("body", "time"), "value_error", "time must be a list as long as series");
        }
        SeriesColumns.Builder columns = new SeriesColumns.Builder(values.size());
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isNull() && !(value.isNumber() && Double.isFinite(value.doubleValue()))) {
                throw invalid(List.of("body", "series", i), "float_type", "Input should be a finite number or null");
            }
            JsonNode time = times == null ? null : times.get(i);
            if (time != null && !time.canConvertToLong()) {
                throw invalid(List.of("body", "time", i), "int_type", "Input should be a valid integer");
            }
            int point = columns.addPoint(time == null ? i : time.longValue());
            columns.addValue(point, metric, value.isNull() ? null : value.doubleValue());
        }
        return columns.build(point -> Map.of());
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : fallback;
    }

    private static ApiException invalid(List<Object> loc, String type, String msg) {
        return ApiException.invalid(ValidationProblem.at(loc, type, msg, null));
    }
}
