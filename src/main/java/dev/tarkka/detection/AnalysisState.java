package dev.tarkka.detection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What {@link ChangePointDetector#update} needs to analyse a longer version of the same series without starting
 * over. Its size is proportional to the number of weak change points, not to the length of the series, and it
 * holds only numbers, so it can be stored as is (for example in a MongoDB document).
 *
 * <p>The split step's settled windows (spec §9) are summarised by where the first unsettled window starts and the
 * points the settled ones found. The merge step's t-tests are kept as parallel arrays: test k compared
 * x[testStarts[k], testSplits[k]) with x[testSplits[k], testEnds[k]). The fingerprint of the analysed values lets
 * an update detect a caller that passes a different prefix; it then recomputes everything.
 *
 * <p>Arrays are copied in and out; two states are equal when all their fields are.
 *
 * @param version       format version of this state; states of another version are recomputed
 * @param options       the options the state was computed with
 * @param length        number of values analysed
 * @param fingerprint   running hash of those values
 * @param resumeStart   start of the first window that did not lie entirely inside the series
 * @param settledPoints ascending indexes found by the windows before it
 */
public record AnalysisState(int version, DetectionOptions options, int length, long fingerprint, int resumeStart,
                            int[] settledPoints, int[] testStarts, int[] testSplits, int[] testEnds,
                            double[] testMeansBefore, double[] testMeansAfter, double[] testStddevsBefore,
                            double[] testStddevsAfter, double[] testPvalues) {

    /**
     * The version this engine writes and accepts. Raised whenever a recorded test's result changes for the same
     * values (2: the {@code tarkka} preset's test against the slope of the values), so states saved by an older engine are
     * recomputed instead of mixed into a newer analysis.
     */
    public static final int CURRENT_VERSION = 2;

    public AnalysisState {
        Objects.requireNonNull(options, "options");
        settledPoints = settledPoints.clone();
        testStarts = testStarts.clone();
        testSplits = testSplits.clone();
        testEnds = testEnds.clone();
        testMeansBefore = testMeansBefore.clone();
        testMeansAfter = testMeansAfter.clone();
        testStddevsBefore = testStddevsBefore.clone();
        testStddevsAfter = testStddevsAfter.clone();
        testPvalues = testPvalues.clone();
        int tests = testStarts.length;
        if (testSplits.length != tests || testEnds.length != tests || testMeansBefore.length != tests
                || testMeansAfter.length != tests || testStddevsBefore.length != tests
                || testStddevsAfter.length != tests || testPvalues.length != tests) {
            throw new IllegalArgumentException("test arrays of an analysis state must have equal lengths");
        }
    }

    static AnalysisState of(DetectionOptions options, int length, long fingerprint, Splitter.Result split,
                            SortedMap<SegmentTests.Segments, SegmentComparison> tests) {
        int size = tests.size();
        int[] starts = new int[size];
        int[] splits = new int[size];
        int[] ends = new int[size];
        double[] meansBefore = new double[size];
        double[] meansAfter = new double[size];
        double[] stddevsBefore = new double[size];
        double[] stddevsAfter = new double[size];
        double[] pvalues = new double[size];
        int k = 0;
        for (Map.Entry<SegmentTests.Segments, SegmentComparison> test : tests.entrySet()) {
            starts[k] = test.getKey().start();
            splits[k] = test.getKey().split();
            ends[k] = test.getKey().end();
            meansBefore[k] = test.getValue().meanBefore();
            meansAfter[k] = test.getValue().meanAfter();
            stddevsBefore[k] = test.getValue().stddevBefore();
            stddevsAfter[k] = test.getValue().stddevAfter();
            pvalues[k] = test.getValue().pvalue();
            k++;
        }
        return new AnalysisState(CURRENT_VERSION, options, length, fingerprint, split.resumeStart(),
                split.settledPoints(), starts, splits, ends, meansBefore, meansAfter, stddevsBefore, stddevsAfter,
                pvalues);
    }

    /** Whether this state can seed an update with these options for a series of {@code newLength} values. */
    boolean isCompatibleWith(DetectionOptions newOptions, int newLength) {
        return version == CURRENT_VERSION && options.equals(newOptions) && length <= newLength
                && resumeStart >= 0 && resumeStart <= length;
    }

    /** The recorded t-tests, keyed by their segments. */
    Map<SegmentTests.Segments, SegmentComparison> recordedTests() {
        Map<SegmentTests.Segments, SegmentComparison> tests = new HashMap<>(testStarts.length * 2);
        for (int k = 0; k < testStarts.length; k++) {
            if (testEnds[k] <= length) { // only segments inside the analysed prefix are safe to reuse
                tests.put(new SegmentTests.Segments(testStarts[k], testSplits[k], testEnds[k]),
                        new SegmentComparison(testMeansBefore[k], testMeansAfter[k], testStddevsBefore[k],
                                testStddevsAfter[k], testPvalues[k]));
            }
        }
        return tests;
    }

    @Override
    public int[] settledPoints() {
        return settledPoints.clone();
    }

    @Override
    public int[] testStarts() {
        return testStarts.clone();
    }

    @Override
    public int[] testSplits() {
        return testSplits.clone();
    }

    @Override
    public int[] testEnds() {
        return testEnds.clone();
    }

    @Override
    public double[] testMeansBefore() {
        return testMeansBefore.clone();
    }

    @Override
    public double[] testMeansAfter() {
        return testMeansAfter.clone();
    }

    @Override
    public double[] testStddevsBefore() {
        return testStddevsBefore.clone();
    }

    @Override
    public double[] testStddevsAfter() {
        return testStddevsAfter.clone();
    }

    @Override
    public double[] testPvalues() {
        return testPvalues.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnalysisState that
                && version == that.version && options.equals(that.options) && length == that.length
                && fingerprint == that.fingerprint && resumeStart == that.resumeStart
                && Arrays.equals(settledPoints, that.settledPoints)
                && Arrays.equals(testStarts, that.testStarts) && Arrays.equals(testSplits, that.testSplits)
                && Arrays.equals(testEnds, that.testEnds)
                && Arrays.equals(testMeansBefore, that.testMeansBefore)
                && Arrays.equals(testMeansAfter, that.testMeansAfter)
                && Arrays.equals(testStddevsBefore, that.testStddevsBefore)
                && Arrays.equals(testStddevsAfter, that.testStddevsAfter)
                && Arrays.equals(testPvalues, that.testPvalues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, options, length, fingerprint, resumeStart, Arrays.hashCode(settledPoints),
                Arrays.hashCode(testStarts), Arrays.hashCode(testSplits), Arrays.hashCode(testEnds),
                Arrays.hashCode(testPvalues));
    }

    @Override
    public String toString() {
        return "AnalysisState[version=" + version + ", options=" + options + ", length=" + length
                + ", resumeStart=" + resumeStart + ", settledPoints=" + settledPoints.length
                + ", tests=" + testStarts.length + "]";
    }
}
