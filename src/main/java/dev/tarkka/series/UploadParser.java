package dev.tarkka.series;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.Text;

/**
 * Validates an upload body the way Nyrkio's clients expect: a JSON array of results, with pydantic's lax
 * coercions ({@code "12"} and {@code 1.0} are the timestamp 12 and 1) and its error list (type, loc, msg,
 * input), every problem reported at once, in field order. Unknown keys are dropped. Nothing is stored unless
 * the whole body is valid.
 * <p>
 * Read by hand from the JSON tree rather than bound to a type: Jackson's coercions and bean validation's
 * errors are neither pydantic's lax rules nor its field-ordered, all-at-once list, which Nyrkio's clients and
 * tests rely on (api.md §3).
 */
public final class UploadParser {

    private static final Set<String> DIRECTIONS = Set.of("higher_is_better", "lower_is_better");
    private static final Set<String> RESULT_KEYS = Set.of("timestamp", "metrics", "attributes", "extra_info");
    private static final Set<String> METRIC_KEYS = Set.of("name", "unit", "value", "direction");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("git_commit", "branch", "git_repo");
    /** Distinct ignored keys named in an answer: enough to see the mistake, bounded for a hostile body. */
    static final int MAX_IGNORED_KEYS = 20;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** MongoDB refuses documents nested deeper than 100 levels; extra_info sits two levels down. */
    static final int MAX_EXTRA_INFO_DEPTH = 90;
    /** Names, units and attributes are identifiers, not documents. */
    static final int MAX_TEXT_LENGTH = 1024;
    /** Far more than any benchmark reports per run; each metric is a series of its own. */
    static final int MAX_METRICS_PER_RESULT = 1000;
    /** An answer lists at most this many problems: enough to fix a client, bounded for a hostile body. */
    static final int MAX_PROBLEMS = 100;

    private final List<ValidationProblem> problems = new ArrayList<>();
    private final Set<String> ignoredKeys = new LinkedHashSet<>();

    /**
     * A valid upload: its results, and the keys that were dropped because Tarkka does not store them (as in
     * Nyrkio, which drops them silently), named like {@code attributes.os} or {@code metrics[].stddev}.
     */
    public record Upload(List<ResultInput> results, List<String> ignoredKeys) {

        /** What an answer says about the ignored keys; empty when there were none. */
        public List<String> warnings() {
            return ignoredKeys.isEmpty() ? List.of()
                    : List.of("Unknown keys were ignored and not stored: " + String.join(", ", ignoredKeys));
        }
    }

    /** Records a problem; past {@link #MAX_PROBLEMS} the upload is answered with what was found so far. */
    private void problem(ValidationProblem problem) {
        problems.add(problem);
        if (problems.size() >= MAX_PROBLEMS) {
            throw ApiException.validation(problems);
        }
    }

    private UploadParser() {
    }

    /** The results in the body, or an {@link ApiException} 422 listing every problem. */
    public static List<ResultInput> parse(JsonNode body) {
        return upload(body).results();
    }

    /** The results in the body with the keys that were ignored, or an {@link ApiException} 422. */
    public static Upload upload(JsonNode body) {
        UploadParser parser = new UploadParser();
        List<ResultInput> results = parser.results(body);
        return new Upload(results, List.copyOf(parser.ignoredKeys));
    }

    private List<ResultInput> results(JsonNode body) {
        List<Object> loc = List.of("body");
        if (body == null || !body.isArray()) {
            throw ApiException.invalid(ValidationProblem.notAList(loc, json(body)));
        }
        List<ResultInput> results = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            results.add(result(body.get(i), ValidationProblem.loc(loc, i)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return results;
    }

    private ResultInput result(JsonNode node, List<Object> loc) {
        if (!isObject(node, loc)) {
            return null;
        }
        ignoreUnknownKeys(node, RESULT_KEYS, "");
        Long timestamp = integer(node.get("timestamp"), ValidationProblem.loc(loc, "timestamp"), node);
        List<ResultInput.Metric> metrics = metrics(node.get("metrics"), ValidationProblem.loc(loc, "metrics"), node);
        ResultInput.Attributes attributes = attributes(node.get("attributes"),
                ValidationProblem.loc(loc, "attributes"), node);
        Map<String, Object> extraInfo = extraInfo(node.get("extra_info"), ValidationProblem.loc(loc, "extra_info"));
        if (timestamp == null || metrics == null || attributes == null) {
            return null;
        }
        return new ResultInput(timestamp, metrics, attributes, extraInfo);
    }

    private List<ResultInput.Metric> metrics(JsonNode node, List<Object> loc, JsonNode parent) {
        if (node == null) {
            missing(loc, parent);
            return null;
        }
        if (!node.isArray()) {
            problem(ValidationProblem.notAList(loc, json(node)));
            return null;
        }
        if (node.size() > MAX_METRICS_PER_RESULT) {
            problem(ValidationProblem.at(loc, "too_long",
                    "List should have at most " + MAX_METRICS_PER_RESULT + " items", "<" + node.size() + " items>"));
            return null;
        }
        List<ResultInput.Metric> metrics = new ArrayList<>(node.size());
        Set<String> names = new HashSet<>();
        boolean valid = true;
        for (int i = 0; i < node.size(); i++) {
            ResultInput.Metric metric = metric(node.get(i), ValidationProblem.loc(loc, i));
            if (metric != null && !names.add(metric.name())) {
                problem(ValidationProblem.valueError(ValidationProblem.loc(ValidationProblem.loc(loc, i), "name"),
                        "metric names must be unique within a result", metric.name()));
                metric = null;
            }
            valid &= metric != null;
            metrics.add(metric);
        }
        return valid ? metrics : null;
    }

    private ResultInput.Metric metric(JsonNode node, List<Object> loc) {
        if (!isObject(node, loc)) {
            return null;
        }
        ignoreUnknownKeys(node, METRIC_KEYS, "metrics[].");
        String name = string(node.get("name"), ValidationProblem.loc(loc, "name"), node);
        String unit = string(node.get("unit"), ValidationProblem.loc(loc, "unit"), node);
        Number value = number(node.get("value"), ValidationProblem.loc(loc, "value"), node);
        String direction = null;
        if (node.has("direction")) {
            JsonNode d = node.get("direction");
            if (d.isTextual() && DIRECTIONS.contains(d.textValue())) {
                direction = d.textValue();
            } else {
                problem(ValidationProblem.at(ValidationProblem.loc(loc, "direction"), "literal_error",
                        "Input should be 'higher_is_better' or 'lower_is_better'", json(d)));
                return null;
            }
        }
        return name == null || unit == null || value == null ? null
                : new ResultInput.Metric(name, unit, value, direction);
    }

    private ResultInput.Attributes attributes(JsonNode node, List<Object> loc, JsonNode parent) {
        if (node == null) {
            missing(loc, parent);
            return null;
        }
        if (!isObject(node, loc)) {
            return null;
        }
        ignoreUnknownKeys(node, ATTRIBUTE_KEYS, "attributes.");
        // Field order decides the error order: git_commit, branch, git_repo.
        String commit = string(node.get("git_commit"), ValidationProblem.loc(loc, "git_commit"), node);
        String branch = string(node.get("branch"), ValidationProblem.loc(loc, "branch"), node);
        String repo = string(node.get("git_repo"), ValidationProblem.loc(loc, "git_repo"), node);
        return commit == null || branch == null || repo == null ? null
                : new ResultInput.Attributes(commit, branch, normaliseRepo(repo));
    }

    private Map<String, Object> extraInfo(JsonNode node, List<Object> loc) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(ValidationProblem.at(loc, "dict_type", "Input should be a valid dictionary", json(node)));
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) storable(node, 0);
            return map;
        } catch (IllegalArgumentException e) {
            problem(ValidationProblem.valueError(loc, e.getMessage(), null));
            return null;
        }
    }

    /**
     * The JSON value as plain Java values the store can keep and give back unchanged: no NUL in keys
     * (BSON cannot hold them), no nesting beyond what MongoDB accepts, numbers as Long or finite Double.
     */
    private static Object storable(JsonNode node, int depth) {
        if (depth > MAX_EXTRA_INFO_DEPTH) {
            throw new IllegalArgumentException("extra_info is nested deeper than " + MAX_EXTRA_INFO_DEPTH + " levels");
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!Text.isStorable(entry.getKey())) {
                    throw new IllegalArgumentException("extra_info keys must be valid Unicode without NUL characters");
                }
                map.put(entry.getKey(), storable(entry.getValue(), depth + 1));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(storable(element, depth + 1));
            }
            return list;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("extra_info numbers must be finite");
            }
            return value;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** Notes the keys of {@code node} that are not {@code known}; they are dropped, as Nyrkio drops them. */
    private void ignoreUnknownKeys(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext() && ignoredKeys.size() < MAX_IGNORED_KEYS;) {
            String name = names.next();
            if (!known.contains(name)) {
                ignoredKeys.add(prefix + abbreviate(name));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private boolean isObject(JsonNode node, List<Object> loc) {
        if (node != null && node.isObject()) {
            return true;
        }
        problem(ValidationProblem.at(loc, "model_attributes_type",
                "Input should be a valid dictionary or object to extract fields from", json(node)));
        return false;
    }

    private void missing(List<Object> loc, JsonNode parent) {
        problem(ValidationProblem.missing(loc, json(parent)));
    }

    private String string(JsonNode node, List<Object> loc, JsonNode parent) {
        if (node == null) {
            missing(loc, parent);
            return null;
        }
        if (!node.isTextual()) {
            problem(ValidationProblem.notAString(loc, json(node)));
            return null;
        }
        if (!Text.isStorable(node.textValue())) {
            problem(ValidationProblem.at(loc, "string_pattern_mismatch",
                    "String should be valid Unicode without NUL characters", null));
            return null;
        }
        if (node.textValue().length() > MAX_TEXT_LENGTH) {
            problem(ValidationProblem.at(loc, "string_too_long",
                    "String should have at most " + MAX_TEXT_LENGTH + " characters", json(node)));
            return null;
        }
        return node.textValue();
    }

    /** An integer as pydantic's lax mode reads it: ints, integral floats, numeric strings, booleans. */
    private Long integer(JsonNode node, List<Object> loc, JsonNode parent) {
        if (node == null) {
            missing(loc, parent);
            return null;
        }
        BigInteger value = null;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d)) {
                value = node.decimalValue().toBigInteger();
            } else {
                problem(ValidationProblem.at(loc, "int_from_float",
                        "Input should be a valid integer, got a number with a fractional part", json(node)));
                return null;
            }
        } else if (node.isBoolean()) {
            value = node.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        } else if (node.isTextual()) {
            try {
                value = new BigInteger(node.textValue().trim());
            } catch (NumberFormatException e) {
                problem(ValidationProblem.notAnInteger(loc, json(node)));
                return null;
            }
        } else {
            problem(ValidationProblem.at(loc, "int_type", "Input should be a valid integer", json(node)));
            return null;
        }
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            problem(ValidationProblem.integerTooLarge(loc, json(node)));
            return null;
        }
        return value.longValue();
    }

    /** A finite number: ints stay integers (Long), everything else is a Double; numeric strings are read. */
    private Number number(JsonNode node, List<Object> loc, JsonNode parent) {
        if (node == null) {
            missing(loc, parent);
            return null;
        }
        Number value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isBoolean()) {
            value = node.booleanValue() ? 1L : 0L;
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.textValue().trim().toLowerCase(Locale.ROOT));
            } catch (NumberFormatException e) {
                problem(ValidationProblem.at(loc, "float_parsing",
                        "Input should be a valid number, unable to parse string as a number", json(node)));
                return null;
            }
        } else {
            problem(ValidationProblem.at(loc, "float_type", "Input should be a valid number", json(node)));
            return null;
        }
        if (!Double.isFinite(value.doubleValue())) {
            problem(ValidationProblem.at(loc, "finite_number", "Input should be a finite number", json(node)));
            return null;
        }
        return value;
    }

    /** Nyrkio's key normalisation: one trailing slash removed, then lower-cased. */
    public static String normaliseRepo(String repo) {
        String trimmed = repo.endsWith("/") ? repo.substring(0, repo.length() - 1) : repo;
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** The offending input echoed back, bounded so a huge body does not come back in the error. */
    private static Object json(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual() && node.textValue().length() > 200) {
            return node.textValue().substring(0, 200) + "...";
        }
        return isSmall(node, new int[] { 100 }) ? node : "<" + node.getNodeType().name().toLowerCase(Locale.ROOT) + " too large to echo>";
    }

    /** Whether the node has at most budget[0] nodes and no long strings; stops counting as soon as it knows. */
    private static boolean isSmall(JsonNode node, int[] budget) {
        if (--budget[0] < 0 || (node.isTextual() && node.textValue().length() > 200)) {
            return false;
        }
        for (JsonNode child : node) {
            if (!isSmall(child, budget)) {
                return false;
            }
        }
        return true;
    }
}
