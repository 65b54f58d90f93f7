package dev.tarkka.detection;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Analyses the 50,000-point reference series with both Otava variants and checks the indexes against the oracle,
 * then with the tarkka preset (which has no oracle: only the memory it needs is checked).
 * {@link MemoryLimitTest} runs it in a JVM with a small heap; exit status 0 means success.
 */
public final class Long50kMain {

    private Long50kMain() {
    }

    public static void main(String[] args) {
        ReferenceCase input = ReferenceCase.load("synthetic/long_50k.input.json");
        JsonNode expected = null;
        for (JsonNode entry : ReferenceCase.manifest().get("cases")) {
            if (entry.get("name").asText().equals("long_50k")) {
                expected = entry.get("expected");
            }
        }
        double[] values = input.values();
        for (Algorithm algorithm : List.of(Algorithm.OTAVA, Algorithm.HUNTER)) {
            String key = (algorithm == Algorithm.HUNTER ? "hunter-legacy" : "otava") + ".nyrkio";
            List<Integer> want = new ArrayList<>();
            expected.get(key).get("change_point_indexes").forEach(index -> want.add(index.asInt()));
            List<Integer> got = ChangePointDetector.analyze(values, DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(algorithm))
                    .stream().map(ChangePoint::index).toList();
            if (!want.equals(got)) {
                System.err.println(algorithm + ": expected " + want + " but got " + got);
                System.exit(1);
            }
        }
        ChangePointDetector.analyze(values, DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.TARKKA));
        System.out.println("long_50k analysed with max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }
}
