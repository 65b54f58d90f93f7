package dev.tarkka.detection;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@link ChangePointDetector#update} must return exactly what a full analysis returns: the same change points with
 * bit-identical doubles (record equality compares doubles bitwise) and an equal state.
 */
class IncrementalUpdateTest {

    private static final int[] WINDOWS = {2, 3, 5, 10, 50};

    @TestFactory
    Stream<DynamicTest> appendingPointByPointEqualsFullAnalysis() {
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 20251127;
        for (SeriesShape shape : SeriesShape.values()) {
            for (int window : WINDOWS) {
                for (Algorithm algorithm : Algorithm.values()) {
                    long caseSeed = seed++;
                    String name = shape + " W" + window + " " + algorithm.wireName() + " seed " + caseSeed;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Random random = new Random(caseSeed);
                        double[] series = shape.generate(random, 120 + random.nextInt(100));
                        for (DetectionOptions options : optionSets(window, algorithm)) {
                            assertIncrementalEqualsFull(series, options, 1);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void appendingSeveralPointsAtOnceEqualsFullAnalysis() {
        Random random = new Random(7);
        for (SeriesShape shape : SeriesShape.values()) {
            double[] series = shape.generate(random, 400);
            for (Algorithm algorithm : Algorithm.values()) {
                assertIncrementalEqualsFull(series, new DetectionOptions(30, 0.01, 0.02, algorithm), 9);
            }
        }
    }

    /**
     * The tarkka preset on CI-like histories: steps every few dozen runs (some in the newest runs when a prefix is
     * analysed), single-run spikes, and whole-number values half of the time. Its state caches rank tests and the
     * merge reads values next to each change point, so every prefix must still give exactly the full analysis.
     */
    @Test
    void tarkkaUpdatesEqualItsFullAnalysisOnCiLikeHistories() {
        Random random = new Random(16);
        for (int k = 0; k < 12; k++) {
            int length = 150 + random.nextInt(150);
            boolean quantized = k % 2 == 0;
            double[] series = new double[length];
            double level = 100;
            for (int i = 0; i < length; i++) {
                if (random.nextInt(30) == 0) {
                    level *= random.nextBoolean() ? 1.1 : 0.92;
                }
                double value = level * (1 + 0.01 * random.nextGaussian()) * (random.nextInt(30) == 0 ? 1.5 : 1);
                series[i] = quantized ? Math.round(value) : value;
            }
            assertIncrementalEqualsFull(series, DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.TARKKA),
                    1 + k % 4);
        }
    }

    /**
     * The append_* reference cases were produced by Otava's own {@code AnalyzedSeries.append} (spec §14a), which
     * can differ from a full run. For these inputs it does not: the full analysis already matches their expected
     * outputs ({@link ReferenceCasesTest}), and so does an update from the initial prefix, one point at a time.
     */
    @TestFactory
    Stream<DynamicTest> appendReferenceCasesMatchWhenUpdatedFromTheirInitialPrefix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : ReferenceCase.manifest().get("cases")) {
            if (!entry.get("name").asText().startsWith("append_")) {
                continue;
            }
            entry.get("expected").fields().forEachRemaining(expected -> tests.add(DynamicTest.dynamicTest(
                    entry.get("name").asText() + " [" + expected.getKey() + "]", () -> {
                        ReferenceCase input = ReferenceCase.load(entry.get("input").asText());
                        JsonNode want = ReferenceCase.readJson(expected.getValue().get("file").asText());
                        DetectionOptions options = ReferenceCasesTest.options(want);
                        double[] values = input.values();
                        Analysis analysis = ChangePointDetector.analyzeWithState(
                                Arrays.copyOf(values, input.initialLength()), options);
                        for (int length = input.initialLength() + 1; length <= values.length; length++) {
                            analysis = ChangePointDetector.update(analysis.state(), Arrays.copyOf(values, length), options);
                        }
                        ReferenceCasesTest.assertChangePoints(want.get("change_points"), analysis.changePoints());
                        assertEquals(ChangePointDetector.analyzeWithState(values, options), analysis);
                    })));
        }
        return tests.stream();
    }

    @Test
    void aChangedPrefixIsRecomputedInFull() {
        double[] series = SeriesShape.STEPS.generate(new Random(3), 300);
        DetectionOptions options = DetectionOptions.NYRKIO_DEFAULTS;
        Analysis previous = ChangePointDetector.analyzeWithState(Arrays.copyOf(series, 250), options);
        double[] edited = series.clone();
        edited[10] += 50; // an edit far before the old end: nothing of the old state may be reused
        Analysis full = ChangePointDetector.analyzeWithState(edited, options);
        assertEquals(full, ChangePointDetector.update(previous.state(), edited, options));
        assertNotEquals(previous.state().fingerprint(), full.state().fingerprint());
    }

    @Test
    void otherOptionsOrAShorterSeriesAreRecomputedInFull() {
        double[] series = SeriesShape.STEPS.generate(new Random(4), 300);
        Analysis previous = ChangePointDetector.analyzeWithState(series, DetectionOptions.NYRKIO_DEFAULTS);
        DetectionOptions hunter = DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.HUNTER);
        assertEquals(ChangePointDetector.analyzeWithState(series, hunter),
                ChangePointDetector.update(previous.state(), series, hunter));
        double[] shorter = Arrays.copyOf(series, 200);
        assertEquals(ChangePointDetector.analyzeWithState(shorter, DetectionOptions.NYRKIO_DEFAULTS),
                ChangePointDetector.update(previous.state(), shorter, DetectionOptions.NYRKIO_DEFAULTS));
        assertEquals(ChangePointDetector.analyzeWithState(series, DetectionOptions.NYRKIO_DEFAULTS),
                ChangePointDetector.update(null, series, DetectionOptions.NYRKIO_DEFAULTS));
    }

    @Test
    void updatingWithTheSameSeriesReturnsTheSameAnalysis() {
        double[] series = SeriesShape.OUTLIERS.generate(new Random(5), 500);
        Analysis analysis = ChangePointDetector.analyzeWithState(series, DetectionOptions.NYRKIO_DEFAULTS);
        assertEquals(analysis, ChangePointDetector.update(analysis.state(), series, DetectionOptions.NYRKIO_DEFAULTS));
    }

    private static List<DetectionOptions> optionSets(int window, Algorithm algorithm) {
        return List.of(
                new DetectionOptions(window, 0.001, 0.05, algorithm),
                new DetectionOptions(window, 0.001, 0.0, algorithm),
                new DetectionOptions(window, 0.2, 0.0, algorithm));
    }

    private static void assertIncrementalEqualsFull(double[] series, DetectionOptions options, int maxStep) {
        Random steps = new Random(series.length);
        Analysis incremental = ChangePointDetector.analyzeWithState(new double[0], options);
        int length = 0;
        while (length < series.length) {
            length = Math.min(series.length, length + 1 + steps.nextInt(maxStep));
            double[] prefix = Arrays.copyOf(series, length);
            incremental = ChangePointDetector.update(incremental.state(), prefix, options);
            Analysis full = ChangePointDetector.analyzeWithState(prefix, options);
            assertEquals(full.changePoints(), incremental.changePoints(), "change points at length " + length);
            assertEquals(full.state(), incremental.state(), "state at length " + length);
        }
    }

    /** Kinds of random series: level shifts, noise, outliers, plateaus, quantised values and the odd NaN. */
    enum SeriesShape {
        STEPS, NOISE, OUTLIERS, PLATEAUS, INTEGERS, QUANTIZED, WITH_NAN, TRENDING;

        double[] generate(Random random, int length) {
            double[] x = new double[length];
            double level = 100;
            for (int i = 0; i < length; i++) {
                if (random.nextInt(40) == 0) {
                    level *= 1 + (random.nextDouble() - 0.5) * 0.4;
                }
                x[i] = switch (this) {
                    case STEPS -> level + random.nextGaussian();
                    case NOISE -> 100 + random.nextGaussian() * 5;
                    case OUTLIERS -> random.nextInt(25) == 0 ? level * 3 : level + random.nextGaussian();
                    case PLATEAUS -> Math.round(level);
                    case INTEGERS -> Math.round(level + random.nextGaussian() * 3);
                    case QUANTIZED -> Math.round((level + random.nextGaussian()) * 4) / 4.0;
                    case WITH_NAN -> random.nextInt(90) == 0 ? Double.NaN : level + random.nextGaussian();
                    case TRENDING -> level + 0.05 * i + random.nextGaussian(); // steep: the tarkka slope tests
                };
            }
            return x;
        }
    }
}
