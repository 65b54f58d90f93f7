package dev.tarkka.analyze;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.SeriesColumns;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.UploadParser;
import dev.tarkka.userconfig.UserConfigService;

/**
 * A validated {@code POST /analyze} body: either {@code {"series": [numbers], "time": [ints]?, ...options}},
 * or results in the upload format (a bare array, or {@code {"results": [...], "test_name": ...,
 * "disabled": [metrics]}}).
 *
 * @param settings the body's fields besides the series and its times when it is an object (options), else null
 */
record AnalyzeRequest(String testName, SeriesColumns series, Set<String> disabled, JsonNode settings) {

    private static final String SERIES = "series";
    private static final String TIME = "time";

    /**
     * The body as read, before it is checked: a bare series and its times straight in arrays (a long series is most
     * of a request, and a tree of it most of the reading), every other field as a tree; or a body that is not an
     * object (results), or none.
     */
    record Body(JsonNode tree, ObjectNode fields, Numbers values, Numbers times) {

        /** Reads one JSON value; any field given twice counts once, the last time, as in a tree. */
        static Body read(JsonParser parser) throws IOException {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return new Body(first == null ? null : parser.readValueAsTree(), null, null, null);
            }
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            Numbers values = null;
            Numbers times = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                boolean array = parser.nextToken() == JsonToken.START_ARRAY;
                if (array && field.equals(SERIES)) {
                    values = Numbers.values(parser);
                    fields.remove(field);
                } else if (array && field.equals(TIME)) {
                    times = Numbers.times(parser);
                    fields.remove(field);
                } else {
                    fields.set(field, parser.readValueAsTree());
                    values = field.equals(SERIES) ? null : values;
                    times = field.equals(TIME) ? null : times;
                }
            }
            return new Body(null, fields, values, times);
        }

        /** The request, checked as a whole. */
        AnalyzeRequest request(String testNameParam) {
            String defaultName = testNameParam == null ? "analysis" : testNameParam;
            if (fields == null) {
                return new AnalyzeRequest(defaultName, results(JsonBodies.wellFormed(tree)), Set.of(), null);
            }
            JsonBodies.wellFormed(fields);
            String testName = text(fields, "test_name", defaultName);
            SeriesColumns series = values != null ? series(values, times, text(fields, "metric", "value"), fields)
                    : fields.has(SERIES) ? notAList(SERIES)
                    : results(fields.get("results"));
            return new AnalyzeRequest(testName, series, disabled(fields), fields);
        }
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

    private static SeriesColumns results(JsonNode results) {
        return SeriesColumns.of(UploadParser.parse(results).stream()
                .sorted(Comparator.comparingLong(ResultInput::timestamp))
                .map(ResultInput::toDataPoint)
                .toList());
    }

    /** A bare series: numbers (null for missing), times optional (default: the position). */
    private static SeriesColumns series(Numbers values, Numbers times, String metric, JsonNode settings) {
        if (settings.has(TIME) || times != null && times.size != values.size) {
            throw invalid(List.of("body", TIME), "value_error", "time must be a list as long as series");
        }
        int wrongValue = values.firstWrong;
        int wrongTime = times == null ? -1 : times.firstWrong;
        if (wrongValue >= 0 && (wrongTime < 0 || wrongValue <= wrongTime)) {
            throw invalid(List.of("body", SERIES, wrongValue), "float_type", "Input should be a finite number or null");
        }
        if (wrongTime >= 0) {
            throw invalid(List.of("body", TIME, wrongTime), "int_type", "Input should be a valid integer");
        }
        long[] at = times != null ? Arrays.copyOf(times.longs, times.size) : new long[values.size];
        if (times == null) {
            Arrays.setAll(at, point -> point);
        }
        return SeriesColumns.ofOneMetric(metric, at, Arrays.copyOf(values.doubles, values.size), values.nulls);
    }

    private static SeriesColumns notAList(String field) {
        throw ApiException.invalid(ValidationProblem.notAList(List.of("body", field), null));
    }

    /**
     * A JSON array read element by element: as doubles (a series: numbers, null for a missing value) or as longs
     * (times: integers, or numbers in the range of one, truncated as a tree's {@code longValue} does), with the
     * position of its first element of another kind.
     */
    static final class Numbers {
        private double[] doubles = new double[0];
        private long[] longs = new long[0];
        private final BitSet nulls = new BitSet();
        private int size;
        private int firstWrong = -1;

        /** Reads one element at {@code index}; false when it is of another kind (its children not yet skipped). */
        private interface Element {
            boolean read(Numbers into, int index, JsonToken token, JsonParser parser) throws IOException;
        }

        static Numbers values(JsonParser parser) throws IOException {
            return read(parser, (into, index, token, element) -> {
                if (into.doubles.length <= index) {
                    into.doubles = Arrays.copyOf(into.doubles, Math.max(1024, index * 2));
                }
                if (token == JsonToken.VALUE_NULL) {
                    into.nulls.set(index);
                    return true;
                }
                into.doubles[index] = token.isNumeric() ? element.getDoubleValue() : Double.NaN;
                return Double.isFinite(into.doubles[index]);
            });
        }

        static Numbers times(JsonParser parser) throws IOException {
            return read(parser, (into, index, token, element) -> {
                if (into.longs.length <= index) {
                    into.longs = Arrays.copyOf(into.longs, Math.max(1024, index * 2));
                }
                if (token == JsonToken.VALUE_NUMBER_INT && element.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    into.longs[index] = element.getLongValue();
                    return true;
                }
                double number = token == JsonToken.VALUE_NUMBER_FLOAT ? element.getDoubleValue() : Double.NaN;
                into.longs[index] = (long) number;
                return number >= Long.MIN_VALUE && number <= Long.MAX_VALUE;
            });
        }

        private static Numbers read(JsonParser parser, Element element) throws IOException {
            Numbers numbers = new Numbers();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                int index = numbers.size++;
                if (!element.read(numbers, index, token, parser)) {
                    parser.skipChildren();
                    numbers.firstWrong = numbers.firstWrong < 0 ? index : numbers.firstWrong;
                }
            }
            return numbers;
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : fallback;
    }

    private static ApiException invalid(List<Object> loc, String type, String msg) {
        return ApiException.invalid(ValidationProblem.at(loc, type, msg, null));
    }
}
