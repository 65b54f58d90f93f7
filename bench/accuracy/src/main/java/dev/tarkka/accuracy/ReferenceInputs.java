package dev.tarkka.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own reference inputs ({@code src/test/resources/otava-cases}, bundled into the jar): the synthetic
 * cases, whose true change points their descriptions state, and the TigerBeetle history, which nobody annotated.
 */
final class ReferenceInputs {

    /**
     * True change points of the synthetic cases, taken from each input's {@code description}. Left out: inputs under
     * 20 points, the {@code multi_steps_w*} / {@code _p*} copies of {@code multi_steps_noise1} (same data, other
     * parameters), the Otava test input (no stated truth) and {@code long_10k} / {@code long_50k} (step positions
     * not stated). Drift, outliers, ties and the alternating series have no change point.
     */
    private static final Map<String, int[]> SYNTHETIC_TRUTH = new LinkedHashMap<>();

    static {
        truth("alternating_ties");
        truth("append_step_late", 100);
        truth("append_two_steps", 30, 150);
        truth("const_0p1_x60");
        truth("const_7p9_x99");
        truth("const_int_100");
        truth("crossing_zero", 30);
        truth("drift_linear");
        truth("ints_ops_per_sec", 70);
        truth("long_1k", 152, 167, 211, 234, 292, 429, 675, 707, 733, 946);
        truth("multi_steps_noise1", 30, 80, 130, 170);
        truth("multi_steps_noise5", 30, 80, 130, 170);
        truth("negative_values", 40);
        truth("outlier_pair");
        truth("outliers_stationary");
        truth("outliers_with_step", 75);
        truth("quantized_ties", 50);
        truth("small_step_high_noise", 60);
        truth("stale_neighbour", 40, 80, 120);
        truth("step_2x_noise5", 50);
        truth("step_at_window_edge", 50);
        truth("step_down_1pct_noise0p2", 50);
        truth("step_down_20pct_noise2", 40);
        truth("step_down_5pct_noise1", 60);
        truth("step_half_noise5", 50);
        truth("step_near_end", 97);
        truth("step_near_start", 3);
        truth("step_up_1pct_noise0p2", 50);
        truth("step_up_1pct_noise1", 50);
        truth("step_up_20pct_noise2", 40);
        truth("step_up_5pct_noise1", 60);
        truth("two_level_0p1_0p3", 25);
        truth("two_level_exact", 30);
        truth("two_level_tiny_step", 40);
        truth("with_nan", 40);
        truth("with_nulls", 40);
        truth("zero_to_positive", 20);
    }

    private static final List<String> TIGERBEETLE_METRICS =
            List.of("load_accepted", "batch_p50", "batch_p90", "transfer_p50", "transfer_p90", "duration");

    private ReferenceInputs() {
    }

    private static void truth(String name, int... changePoints) {
        SYNTHETIC_TRUTH.put(name, changePoints);
    }

    static List<LabeledSeries> synthetic() {
        List<LabeledSeries> series = new ArrayList<>();
        SYNTHETIC_TRUTH.forEach((name, truth) ->
                series.add(LabeledSeries.withTruth("reference/" + name, values("synthetic/" + name), truth)));
        return series;
    }

    /** The TigerBeetle metrics by name; there is no ground truth for them. */
    static Map<String, Double[]> tigerBeetle() {
        Map<String, Double[]> metrics = new LinkedHashMap<>();
        TIGERBEETLE_METRICS.forEach(metric -> metrics.put(metric, values("tigerbeetle/" + metric)));
        return metrics;
    }

    private static Double[] values(String input) {
        String path = "/otava-cases/" + input + ".input.json";
        try (InputStream in = ReferenceInputs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled reference input " + path);
            }
            Map<String, Object> json = Json.object(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return Json.numbers(json.get("series"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
