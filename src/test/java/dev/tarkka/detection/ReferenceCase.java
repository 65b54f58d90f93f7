package dev.tarkka.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference input from {@code otava-cases} (on the test classpath) and the points the report is built from.
 */
record ReferenceCase(String path, String testName, String metric, Double[] rawValues, long[] times,
                     Map<String, List<String>> attributes, Integer initialLength, JsonNode input) {

    static final String ROOT = "/otava-cases/";
    /** Synthetic inputs have no timestamps; the oracle used this base plus the index. */
    private static final long SYNTHETIC_TIME_BASE = 1_700_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode readJson(String path) {
        try (InputStream in = ReferenceCase.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + ROOT + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode manifest() {
        return readJson("manifest.json");
    }

    static ReferenceCase load(String path) {
        JsonNode input = readJson(path);
        JsonNode series = input.get("series");
        Double[] values = new Double[series.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(series.get(i));
        }
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = input.has("time") ? input.get("time").get(i).asLong() : SYNTHETIC_TIME_BASE + i;
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        if (input.has("attributes")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = input.get("attributes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                List<String> column = new ArrayList<>();
                attribute.getValue().forEach(v -> column.add(v.asText()));
                attributes.put(attribute.getKey(), column);
            }
        }
        Integer initialLength = input.has("initial_len") ? input.get("initial_len").asInt() : null;
        return new ReferenceCase(path, input.get("test_name").asText(), input.get("metric").asText(), values, times,
                attributes, initialLength, input);
    }

    /** A JSON number, {@code null}, or one of the strings the oracle writes for non-finite values. */
    static Double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("Not a number: " + node);
            };
        }
        return node.asDouble();
    }

    double[] values() {
        return MissingValues.fill(rawValues);
    }

    List<DataPoint> points() {
        List<DataPoint> points = new ArrayList<>(rawValues.length);
        for (int i = 0; i < rawValues.length; i++) {
            Map<String, String> pointAttributes = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
                pointAttributes.put(attribute.getKey(), attribute.getValue().get(i));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put(metric, rawValues[i]);
            points.add(new DataPoint(times[i], pointAttributes, metrics));
        }
        return points;
    }
}
