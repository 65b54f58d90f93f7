package dev.tarkka.accuracy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Turing Change Point Dataset (van den Burg &amp; Williams 2020) read from a directory laid out as the TCPD
 * repository's export: {@code annotations.json} and one {@code <name>/<name>.json} per dataset. Its files carry mixed
 * licences, so the benchmark never bundles them: the path is given on the command line.
 */
final class TcpdDatasets {

    private TcpdDatasets() {
    }

    /** The univariate datasets present under {@code root} with their annotations, by name. */
    static List<LabeledSeries> univariate(Path root) {
        Map<String, Object> annotations = Json.object(Json.parse(read(root.resolve("annotations.json"))));
        List<LabeledSeries> series = new ArrayList<>();
        for (String name : annotations.keySet().stream().sorted().toList()) {
            Path file = root.resolve(name).resolve(name + ".json");
            if (!Files.exists(file)) {
                continue; // TCPD ships some datasets only as a download script
            }
            Map<String, Object> dataset = Json.object(Json.parse(read(file)));
            List<Object> dimensions = Json.array(dataset.get("series"));
            if (dimensions.size() != 1) {
                continue;
            }
            Double[] values = Json.numbers(Json.object(dimensions.get(0)).get("raw"));
            List<int[]> byAnnotator = Json.object(annotations.get(name)).values().stream()
                    .map(points -> Json.array(points).stream().mapToInt(p -> ((Double) p).intValue()).toArray())
                    .toList();
            series.add(new LabeledSeries("tcpd/" + name, values, byAnnotator));
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("No TCPD dataset found under " + root);
        }
        return series;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
