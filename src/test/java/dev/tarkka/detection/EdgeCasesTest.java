package dev.tarkka.detection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge cases of spec §14, for both Otava variants; those that do not depend on Otava's parameters also for the
 * tarkka preset (its own cases are in {@link TarkkaPresetTest}).
 */
class EdgeCasesTest {

    private static List<ChangePoint> analyze(Algorithm algorithm, double... values) {
        return ChangePointDetector.analyze(values, DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(algorithm));
    }

    private static double[] repeat(double value, int times) {
        double[] values = new double[times];
        Arrays.fill(values, value);
        return values;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void tooShortSeriesHaveNoChangePoints(Algorithm algorithm) {
        assertEquals(List.of(), analyze(algorithm));
        assertEquals(List.of(), analyze(algorithm, 1.0));
        assertEquals(List.of(), analyze(algorithm, 1.0, 2.0));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"OTAVA", "HUNTER"})
    void nyrkiosThreePointStep(Algorithm algorithm) {
        assertEquals(List.of(new ChangePoint(2, 1.0, 2.0, 0.0, 0.0, 0.0, 100.0, 1.0)), analyze(algorithm, 1, 1, 2));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void exactConstantsHaveNoChangePoints(Algorithm algorithm) {
        assertEquals(List.of(), analyze(algorithm, 5, 5, 5));
        assertEquals(List.of(), analyze(algorithm, repeat(100, 100)));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"OTAVA", "HUNTER"})
    void twoExactLevelsChangeWithPvalueZero(Algorithm algorithm) {
        List<ChangePoint> changes = analyze(algorithm, concat(repeat(1, 30), repeat(2, 30)));
        assertEquals(1, changes.size());
        assertEquals(30, changes.get(0).index());
        assertEquals(0.0, changes.get(0).pvalue());
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"OTAVA", "HUNTER"})
    void aOnePercentStepNeedsMagnitudeZero(Algorithm algorithm) {
        double[] series = concat(repeat(1.0, 40), repeat(1.01, 40));
        assertEquals(List.of(), analyze(algorithm, series));
        List<ChangePoint> found = ChangePointDetector.analyze(series, new DetectionOptions(50, 0.001, 0.0, algorithm));
        assertEquals(List.of(40), found.stream().map(ChangePoint::index).toList());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void allNanGivesNothing(Algorithm algorithm) {
        assertEquals(List.of(), analyze(algorithm, repeat(Double.NaN, 120)));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aNanNextToAStepSuppressesIt(Algorithm algorithm) {
        double[] series = concat(repeat(1, 30), repeat(2, 30));
        series[31] = Double.NaN;
        assertEquals(List.of(), analyze(algorithm, series));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"OTAVA", "HUNTER"})
    void windowOfTwoNeverFindsAnything(Algorithm algorithm) {
        double[] series = concat(repeat(1, 30), repeat(2, 30));
        assertEquals(List.of(), ChangePointDetector.analyze(series, new DetectionOptions(2, 0.001, 0.05, algorithm)));
    }

    @Test
    void invalidOptionsAreRejectedWithIllegalArgumentException() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new DetectionOptions(1, 0.001, 0.05, Algorithm.OTAVA));
        assertTrue(error.getMessage().contains("window_len"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(0, 0.001, 0.05, Algorithm.OTAVA));
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(50, Double.NaN, 0.05, Algorithm.OTAVA));
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(50, -0.1, 0.05, Algorithm.OTAVA));
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(50, 0.001, Double.NaN, Algorithm.OTAVA));
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(50, 0.001, -1, Algorithm.OTAVA));
        assertThrows(IllegalArgumentException.class, () -> new DetectionOptions(50, 0.001, 0.05, null));
    }

    @Test
    void algorithmWireNames() {
        assertEquals(Algorithm.OTAVA, Algorithm.fromWireName("otava"));
        assertEquals(Algorithm.HUNTER, Algorithm.fromWireName("hunter"));
        assertEquals(Algorithm.TARKKA, Algorithm.fromWireName("tarkka"));
        assertEquals("hunter", Algorithm.HUNTER.wireName());
        assertThrows(IllegalArgumentException.class, () -> Algorithm.fromWireName("OTAVA"));
        assertThrows(IllegalArgumentException.class, () -> Algorithm.fromWireName(null));
    }

    @Test
    void missingValuesAreFilledForwardThenBackward() {
        assertArrayEquals(new double[]{3, 3, 3, 4, 4, Double.NaN, Double.NaN, 5},
                MissingValues.fill(new Double[]{null, null, 3.0, 4.0, null, Double.NaN, null, 5.0}));
        assertArrayEquals(new double[0], MissingValues.fill(new Double[0]));
    }

    @Test
    void aSeriesWithoutAnyValueBecomesNanAndHasNoChangePoints() {
        double[] filled = MissingValues.fill(new Double[]{null, null, null});
        assertArrayEquals(new double[]{Double.NaN, Double.NaN, Double.NaN}, filled);
        assertEquals(List.of(), ChangePointDetector.analyze(filled, DetectionOptions.NYRKIO_DEFAULTS));
    }

    @Test
    void magnitudeIsSymmetricAndAZeroMeanGivesZeroPercent() {
        ChangePoint drop = ChangePoint.of(1, new SegmentComparison(100, 95, 0, 0, 0));
        ChangePoint rise = ChangePoint.of(1, new SegmentComparison(95, 100, 0, 0, 0));
        assertEquals(drop.magnitude(), rise.magnitude());
        ChangePoint fromZero = ChangePoint.of(1, new SegmentComparison(0, 5, 0, 0, 0));
        assertEquals(0.0, fromZero.forwardChangePercent());
        assertEquals(1.0, fromZero.magnitude());
    }
}
