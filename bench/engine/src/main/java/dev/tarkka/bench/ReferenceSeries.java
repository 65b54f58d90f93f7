package dev.tarkka.bench;

import dev.tarkka.detection.MissingValues;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the {@code series} array of a reference input bundled from the engine's test resources. */
final class ReferenceSeries {

    private ReferenceSeries() {
    }

    /** The filled values of {@code otava-cases/synthetic/<name>.input.json}. */
    static double[] load(String name) {
        String path = "/otava-cases/synthetic/" + name + ".input.json";
        try (InputStream in = ReferenceSeries.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No bundled reference series " + path);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = json.indexOf('[', json.indexOf("\"series\"")) + 1;
            String[] items = json.substring(start, json.indexOf(']', start)).split(",");
            return MissingValues.fill(Arrays.stream(items).map(String::trim).map(ReferenceSeries::number)
                    .toArray(Double[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Double number(String item) {
        return switch (item) {
            case "null" -> null;
            case "\"NaN\"" -> Double.NaN;
            default -> Double.valueOf(item);
        };
    }
}
