package dev.tarkka.detection;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour the {@code tarkka} preset promises, next to what Otava does with the same series. */
class TarkkaPresetTest {

    private static final DetectionOptions TARKKA = DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.TARKKA);

    private static List<Integer> indexes(double[] series, DetectionOptions options) {
        return ChangePointDetector.analyze(series, options).stream().map(ChangePoint::index).toList();
    }

    /** {@code n} runs around {@code level} with relative Gaussian noise. */
    private static double[] noisy(Random random, int n, double level, double noise) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = level * (1 + noise * random.nextGaussian());
        }
        return x;
    }

    /** x with every value from {@code from} on multiplied by {@code factor}: a level shift. */
    private static double[] scaledFrom(double[] x, int from, double factor) {
        for (int i = from; i < x.length; i++) {
            x[i] *= factor;
        }
        return x;
    }

    @Test
    void aSpikeInTheLastRunRaisesNoChangePoint() {
        int tarkkaAlarms = 0;
        int otavaAlarms = 0;
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            double noise = 0.002 + random.nextDouble() * 0.05;
            double[] series = noisy(random, 60 + random.nextInt(200), 100, noise);
            series[series.length - 1] *= 1.3 + random.nextDouble(); // one slow run, 30-130 %
            List<Integer> found = indexes(series, TARKKA);
            // The spike adds nothing to what the runs before it show (the newest-run looks may alarm on noise).
            assertEquals(indexes(Arrays.copyOf(series, series.length - 1), TARKKA), found, "seed " + seed);
            tarkkaAlarms += found.isEmpty() ? 0 : 1;
            otavaAlarms += indexes(series, DetectionOptions.NYRKIO_DEFAULTS).isEmpty() ? 0 : 1;
        }
        assertTrue(tarkkaAlarms <= 2, tarkkaAlarms + " of 40 noise series get a change point");
        assertTrue(otavaAlarms > 30, "Otava reports the last-run spike as a change (" + otavaAlarms + " of 40)");
    }

    @Test
    void aSpikeOrATwoRunExcursionInTheMiddleIsNotAChange() {
        Random random = new Random(11);
        double[] series = noisy(random, 120, 100, 0.01);
        series[40] = 180;
        series[80] = 150;
        series[81] = 150;
        assertEquals(List.of(), indexes(series, TARKKA));
    }

    @Test
    void aRegressionInTheNewestRunsIsConfirmedByThreeRuns() {
        Random random = new Random(5);
        double[] history = noisy(random, 80, 100, 0.005);
        double[] withTwo = Arrays.copyOf(history, 82);
        double[] withThree = Arrays.copyOf(history, 83);
        for (int i = 80; i < 83; i++) {
            double value = 110 * (1 + 0.005 * random.nextGaussian());
            withThree[i] = value;
            if (i < 82) {
                withTwo[i] = value;
            }
        }
        assertEquals(List.of(), indexes(withTwo, TARKKA), "two runs are not yet a level");
        List<ChangePoint> found = ChangePointDetector.analyze(withThree, TARKKA);
        assertEquals(1, found.size(), found.toString());
        // The split of a window can land one run early when that run happens to be high; never later than the shift.
        assertTrue(found.get(0).index() == 79 || found.get(0).index() == 80, found.toString());
        assertEquals(0.10, found.get(0).magnitude(), 0.02);
    }

    @Test
    void theLastChangePointGetsLooserLooksAtItsThirdToFifthRunThenTheBarTightensBack() {
        int n = 200;
        assertEquals(TarkkaPreset.NEWEST_PVALUES[0], TarkkaPreset.requiredPvalue(n - 3, n, n));
        assertEquals(TarkkaPreset.NEWEST_PVALUES[1], TarkkaPreset.requiredPvalue(n - 4, n, n));
        double fifth = TarkkaPreset.NEWEST_PVALUES[2];
        assertEquals(fifth, TarkkaPreset.requiredPvalue(n - 5, n, n));
        assertTrue(TarkkaPreset.MAX_PVALUE < TarkkaPreset.NEWEST_PVALUES[0] && TarkkaPreset.NEWEST_PVALUES[0]
                < TarkkaPreset.NEWEST_PVALUES[1] && TarkkaPreset.NEWEST_PVALUES[1] < fifth, "loosest on most runs");
        assertEquals(TarkkaPreset.MAX_PVALUE, TarkkaPreset.requiredPvalue(n - 5, n - 2, n), "not the last point");
        double previous = fifth;
        for (int runsAfter = 6; runsAfter < 5 + TarkkaPreset.TIGHTENING_RUNS; runsAfter++) {
            double required = TarkkaPreset.requiredPvalue(n - runsAfter, n, n);
            assertTrue(required < previous && required > TarkkaPreset.MAX_PVALUE, runsAfter + " runs: " + required);
            previous = required;
        }
        assertEquals(TarkkaPreset.MAX_PVALUE, TarkkaPreset.requiredPvalue(n - 5 - TarkkaPreset.TIGHTENING_RUNS, n, n));
        assertEquals(TarkkaPreset.MAX_PVALUE, TarkkaPreset.requiredPvalue(n - 15, n, n));
    }

    @Test
    void aModerateShiftIsMostlyReportedByItsFourthRun() {
        // 2.5 noise deviations: 3 runs seldom reach p < 0.001, 4 runs mostly reach 0.007, 5 runs nearly all 0.015
        int atThree = 0;
        int atFour = 0;
        int atFive = 0;
        for (int seed = 21; seed < 41; seed++) {
            Random random = new Random(seed);
            double[] series = scaledFrom(noisy(random, 105, 100, 0.01), 100, 1.025);
            atThree += foundNear(100, indexes(Arrays.copyOf(series, 103), TARKKA)) ? 1 : 0;
            atFour += foundNear(100, indexes(Arrays.copyOf(series, 104), TARKKA)) ? 1 : 0;
            atFive += foundNear(100, indexes(series, TARKKA)) ? 1 : 0;
        }
        assertTrue(atThree <= 12, atThree + " of 20 reported with 3 runs");
        assertTrue(atFour >= 14, atFour + " of 20 reported with 4 runs");
        assertTrue(atFive >= 17, atFive + " of 20 reported with 5 runs");
    }

    private static boolean foundNear(int index, List<Integer> found) {
        return found.stream().anyMatch(i -> Math.abs(i - index) <= 1);
    }

    @Test
    void aStepInTheMiddleIsFoundAtItsIndexWithTheLevelsOnEachSide() {
        double[] series = scaledFrom(noisy(new Random(8), 150, 200, 0.02), 70, 0.9);
        List<ChangePoint> found = ChangePointDetector.analyze(series, TARKKA);
        assertEquals(List.of(70), found.stream().map(ChangePoint::index).toList());
        ChangePoint change = found.get(0);
        assertEquals(200, change.meanBefore(), 4, "median of the ten runs before");
        assertEquals(180, change.meanAfter(), 4, "median of the ten runs after");
        assertEquals(-10, change.forwardChangePercent(), 2.5);
        assertTrue(change.pvalue() < TarkkaPreset.MAX_PVALUE, "p " + change.pvalue());
    }

    @Test
    void aSlowTrendIsNotCutIntoSteps() {
        Random random = new Random(2);
        double[] series = noisy(random, 400, 1000, 0.002);
        for (int i = 0; i < series.length; i++) {
            series[i] *= 1 + 0.3 * i / series.length; // +30 % over the series
        }
        assertEquals(List.of(), indexes(series, TARKKA));
        assertFalse(indexes(series, DetectionOptions.NYRKIO_DEFAULTS).isEmpty(), "Otava cuts the trend into stairs");
    }

    @Test
    void aSteepTrendInLowNoiseIsNotCutIntoStairsButAStepOnItIsFound() {
        int trendAlarms = 0;
        int stepsFound = 0;
        for (int seed = 0; seed < 40; seed++) {
            double[] trend = drifting(new Random(seed), 200, 0.01, 0.2); // +20 % over 200 runs, 1 % noise
            trendAlarms += indexes(trend, TARKKA).size();
            double[] step = scaledFrom(drifting(new Random(seed), 200, 0.01, 0.2), 150, 1.08);
            List<Integer> found = indexes(step, TARKKA);
            stepsFound += found.stream().anyMatch(index -> Math.abs(index - 150) <= 1) ? 1 : 0;
        }
        // 209 before the test against the slope of the values: the split search cut every trend into about five
        // stairs. Where it cuts at runs that happen to leave the pieces flat, the slope is not clear and stairs stay.
        assertTrue(trendAlarms <= 20, trendAlarms + " change points in 40 steep trends");
        // On the ranks alone the step vanishes into the trend (12 of 40 found when only they were tested).
        assertTrue(stepsFound >= 30, "an 8 % step 50 runs before the end found in " + stepsFound + " of 40");

        // A piece of the trend between two cuts: the rank test reads it as a change, the slope within it explains it.
        double[] trend = drifting(new Random(3), 200, 0.01, 0.2);
        assertTrue(RankSumTest.pvalue(trend, 50, 75, 100) < 1e-6);
        double piece = TarkkaPreset.compare(trend, 50, 75, 100).pvalue();
        assertTrue(piece > 0.01, "p " + piece);
        double[] flat = scaledFrom(noisy(new Random(3), 200, 100, 0.01), 75, 1.05);
        assertEquals(RankSumTest.pvalue(flat, 50, 75, 100), TarkkaPreset.compare(flat, 50, 75, 100).pvalue(),
                "no slope within the sides, no second test");
    }

    @Test
    void aDriftOfAFewPercentIsMostlyNotAChangeButAStepOnTopOfItIs() {
        int alarms = 0;
        for (int seed = 0; seed < 100; seed++) {
            double[] series = drifting(new Random(seed), 300, 0.01, 0.04); // 4 % over the series, 1 % noise
            alarms += indexes(series, TARKKA).isEmpty() ? 0 : 1;
        }
        assertTrue(alarms <= 12, alarms + " of 100 drifting series get a change point (29 by the rank test alone)");

        double[] drift = drifting(new Random(5), 200, 0.005, 0.04);
        assertTrue(RankSumTest.pvalue(drift, 40, 120, 200) < 1e-6, "the ranks alone read the drift as a change");
        double drifted = TarkkaPreset.compare(drift, 40, 120, 200).pvalue();
        assertTrue(drifted > 1e-3, "p " + drifted);
        double[] step = scaledFrom(drifting(new Random(5), 200, 0.005, 0.04), 120, 1.02);
        assertTrue(TarkkaPreset.compare(step, 40, 120, 200).pvalue() < TarkkaPreset.MAX_PVALUE,
                "a 2 % step on the drift");
        List<Integer> found = indexes(step, TARKKA);
        assertEquals(1, found.size(), "found " + found);
        assertEquals(120, found.get(0), 1, "found " + found);
    }

    /** n runs around 100 with relative Gaussian noise, drifting linearly by {@code total} over the series. */
    private static double[] drifting(Random random, int n, double noise, double total) {
        double[] x = noisy(random, n, 100, noise);
        for (int i = 0; i < n; i++) {
            x[i] *= 1 + total * i / (n - 1);
        }
        return x;
    }

    @Test
    void twoMachineStatesAndQuantizedValuesAreNoise() {
        Random random = new Random(3);
        double[] series = new double[300];
        for (int i = 0; i < series.length; i++) {
            double machine = random.nextDouble() < 0.3 ? 1.08 : 1.0;
            series[i] = Math.round(20 * machine * (1 + 0.01 * random.nextGaussian())); // whole milliseconds
        }
        assertEquals(List.of(), indexes(series, TARKKA));
    }

    @Test
    void theOptionsWindowPvalueAndMagnitudeDoNotApply() {
        double[] series = scaledFrom(noisy(new Random(9), 200, 50, 0.03), 120, 1.2);
        List<ChangePoint> preset = ChangePointDetector.analyze(series, TARKKA);
        assertEquals(List.of(120), preset.stream().map(ChangePoint::index).toList());
        assertEquals(preset, ChangePointDetector.analyze(series, new DetectionOptions(10, 0.5, 0.5, Algorithm.TARKKA)));
    }

    @Test
    void theExactRankSumDistributionCountsEveryOrder() {
        assertArrayEqualsLong(new long[]{1, 1, 2, 1, 1}, RankSumTest.arrangementsByU(2, 2));
        assertArrayEqualsLong(new long[]{1, 1, 2, 3, 3, 3, 3, 2, 1, 1}, RankSumTest.arrangementsByU(3, 3));
        long[] counts = RankSumTest.arrangementsByU(8, 120);
        assertEquals(binomial(128, 8), Arrays.stream(counts).sum());
        // three runs above all of three others: 1 order in C(6, 3) = 20 per side
        double[] x = {1, 2, 3, 4, 5, 6};
        assertEquals(0.1, RankSumTest.pvalue(x, 0, 3, 6), 1e-15);
        // ties: mid-ranks, and a constant series is never significant
        assertEquals(1.0, RankSumTest.pvalue(new double[]{7, 7, 7, 7, 7, 7}, 0, 3, 6));
        assertTrue(Double.isNaN(RankSumTest.pvalue(new double[]{1, 2, Double.NaN, 4}, 0, 2, 4)));
    }

    @Test
    void theNormalApproximationAgreesWithTheCountsWhereBothApply() {
        Random random = new Random(4);
        double[] x = noisy(random, 30, 10, 0.1);
        for (int i = 9; i < 30; i++) {
            x[i] += 0.5;
        }
        // 9 against 21: normal approximation; the exact p-value of the same U for comparison
        double approximate = RankSumTest.pvalue(x, 0, 9, 30);
        double[] ranks = new double[30];
        Ranks.midRanks(x, 0, 30, ranks);
        double u = Arrays.stream(ranks, 0, 9).sum() - 9 * 10 / 2.0;
        double exact = RankSumTest.exactPvalue(u, 9, 21);
        assertEquals(exact, approximate, 0.15 * exact);
    }

    @Test
    void theFastMedianKendallScoreAndRanksEqualTheirDefinitions() {
        Random random = new Random(6);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial % 8 < 4 ? 12_000 : 300); // the sampled selection from 2,048 values on
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (trial % 4) {
                    case 0 -> random.nextGaussian();
                    case 1 -> random.nextInt(4); // ties
                    case 2 -> i % 9 == 0 ? 1e9 : i; // sorted, with outliers
                    default -> random.nextBoolean() ? -0.0 : 0.0;
                };
            }
            double median = TarkkaPreset.median(x, 0, n);
            double selected = TarkkaPreset.medianInPlace(x.clone());
            // == because selection may return 0.0 where the sorted median is −0.0: the same slope
            assertTrue(median == selected, "median of " + n + ": " + median + " selected as " + selected);
            if (n <= 300) {
                long score = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        score += (long) Math.signum(x[j] - x[i]);
                    }
                }
                assertEquals(score, TarkkaPreset.kendallScore(x, 0, n), "Kendall's score of " + n);
                double[] ranks = new double[n];
                double[] sorted = Ranks.midRanks(x, 0, n, ranks);
                double[] expectedSorted = x.clone();
                Arrays.sort(expectedSorted);
                assertEquals(Arrays.toString(expectedSorted), Arrays.toString(sorted));
                for (int i = 0; i < n; i++) {
                    int below = 0;
                    int equal = 0;
                    for (double other : x) {
                        below += other < x[i] ? 1 : 0;
                        equal += other == x[i] ? 1 : 0;
                    }
                    assertEquals(below + (equal + 1) / 2.0, ranks[i], "mid-rank of " + i);
                }
            }
        }
    }

    private static long binomial(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static void assertArrayEqualsLong(long[] expected, long[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }
}
