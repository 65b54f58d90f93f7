package dev.tarkka.accuracy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiHistoryGeneratorTest {

    private static final List<CiHistoryGenerator.GeneratedSeries> SERIES =
            LongStream.rangeClosed(1, 400).mapToObj(CiHistoryGenerator::generate).toList();

    @Test
    void aSeedAlwaysGivesTheSameSeries() {
        CiHistoryGenerator.GeneratedSeries again = CiHistoryGenerator.generate(17);
        assertArrayEquals(SERIES.get(16).series().values(), again.series().values());
        assertEquals(SERIES.get(16).shifts(), again.shifts());
    }

    @Test
    void theTruthIsTheShiftsAndTheyLieInsideTheSeries() {
        for (CiHistoryGenerator.GeneratedSeries g : SERIES) {
            int[] truth = g.series().annotations().get(0);
            assertArrayEquals(g.shifts().stream().mapToInt(CiHistoryGenerator.Shift::index).toArray(), truth);
            for (int k = 0; k < truth.length; k++) {
                assertTrue(truth[k] >= 10 && truth[k] < g.series().length(), g.series().name());
                assertTrue(k == 0 || truth[k] - truth[k - 1] >= 3, g.series().name() + " " + Arrays.toString(truth));
            }
            for (CiHistoryGenerator.Shift shift : g.shifts()) {
                assertTrue(shift.magnitude() >= 0.01 - 1e-12 && shift.magnitude() <= 0.5 + 1e-12, shift.toString());
            }
        }
    }

    @Test
    void everyOddityOccurs() {
        assertTrue(SERIES.stream().anyMatch(g -> g.shifts().isEmpty()));
        assertTrue(SERIES.stream().anyMatch(g -> g.shifts().size() == 4));
        assertTrue(SERIES.stream().anyMatch(g -> g.traits().lastRunSpike()));
        assertTrue(SERIES.stream().anyMatch(g -> g.traits().bimodal() && g.traits().quantized()));
        assertTrue(SERIES.stream().anyMatch(g -> Arrays.stream(g.series().values()).anyMatch(v -> v == null)));
        assertTrue(SERIES.stream().anyMatch(g -> g.shifts().stream()
                .anyMatch(s -> s.index() >= g.series().length() - 5)), "a shift in the last five runs");
        assertTrue(SERIES.stream().anyMatch(g -> TraitGroups.all().get("a regression and its fix").test(g)));
    }

    @Test
    void valuesArePositive() {
        for (CiHistoryGenerator.GeneratedSeries g : SERIES) {
            for (Double v : g.series().values()) {
                assertTrue(v == null || v > 0, g.series().name());
            }
        }
    }
}
