package dev.tarkka.detection;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every expected output of the Python oracle (both variants, every parameter set): change-point indexes
 * identical, numbers within 1e-9 relative (p-values with an absolute floor of 1e-300), report text byte for byte.
 */
class ReferenceCasesTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final double PVALUE_FLOOR = 1e-300;

    @TestFactory
    Stream<DynamicTest> fullAnalysisMatchesTheOracle() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : ReferenceCase.manifest().get("cases")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.get("expected").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> expected = it.next();
                String name = entry.get("group").asText() + "/" + entry.get("name").asText() + " [" + expected.getKey() + "]";
                tests.add(DynamicTest.dynamicTest(name,
                        () -> check(entry.get("input").asText(), expected.getValue().get("file").asText())));
            }
        }
        return tests.stream();
    }

    static DetectionOptions options(JsonNode expected) {
        JsonNode params = expected.get("params");
        Algorithm algorithm = expected.get("impl").asText().equals("hunter-legacy") ? Algorithm.HUNTER : Algorithm.OTAVA;
        return new DetectionOptions(params.get("window_len").asInt(), params.get("max_pvalue").asDouble(),
                params.get("min_magnitude").asDouble(), algorithm);
    }

    private static void check(String inputPath, String expectedPath) {
        ReferenceCase input = ReferenceCase.load(inputPath);
        JsonNode expected = ReferenceCase.readJson(expectedPath);
        if (!expected.get("error").isNull()) {
            assertThrows(IllegalArgumentException.class,
                    () -> ChangePointDetector.analyze(input.values(), options(expected)));
            return;
        }
        DetectionOptions options = options(expected);
        List<ChangePoint> actual = ChangePointDetector.analyze(input.values(), options);
        assertChangePoints(expected.get("change_points"), actual);

        // Otava prints {"name": []} for an empty series, where ChangeReport leaves the answer ({}) to the service.
        List<ReportGroup> report = ChangeReport.build(input.points(), Set.of(), Map.of(input.metric(), actual))
                .orElse(List.of());
        assertEquals(expected.get("report_text").asText(), PythonJson.report(input.testName(), report));
        assertEquals(report, ChangeReport.build(input.points(), Set.of(), options).orElse(List.of()),
                "the report computed by ChangeReport itself");
    }

    static void assertChangePoints(JsonNode expected, List<ChangePoint> actual) {
        List<Integer> expectedIndexes = new ArrayList<>();
        expected.forEach(cp -> expectedIndexes.add(cp.get("index").asInt()));
        assertEquals(expectedIndexes, actual.stream().map(ChangePoint::index).toList(), "change point indexes");
        for (int k = 0; k < actual.size(); k++) {
            JsonNode want = expected.get(k);
            ChangePoint got = actual.get(k);
            String at = "change point " + got.index() + ": ";
            assertClose(at + "mean_before", want.get("mean_before"), got.meanBefore(), 0);
            assertClose(at + "mean_after", want.get("mean_after"), got.meanAfter(), 0);
            assertClose(at + "stddev_before", want.get("stddev_before"), got.stddevBefore(), 0);
            assertClose(at + "stddev_after", want.get("stddev_after"), got.stddevAfter(), 0);
            assertClose(at + "forward_change_percent", want.get("forward_change_percent"), got.forwardChangePercent(), 0);
            assertClose(at + "magnitude", want.get("magnitude"), got.magnitude(), 0);
            assertClose(at + "pvalue", want.get("pvalue"), got.pvalue(), PVALUE_FLOOR);
        }
    }

    private static void assertClose(String what, JsonNode expectedNode, double actual, double absoluteFloor) {
        double expected = ReferenceCase.number(expectedNode);
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double difference = Math.abs(expected - actual);
        if (difference > absoluteFloor && difference > RELATIVE_TOLERANCE * Math.abs(expected)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }
}
