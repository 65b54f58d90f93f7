package dev.tarkka.detection;

import java.util.List;
import java.util.Map;

/**
 * Change-point detection with Apache Otava's E-divisive means (spec §4): a windowed split step that proposes
 * weak change points, then a merge step that keeps the significant and large enough ones.
 *
 * <p>Stateless and thread-safe: every call works on its own scratch buffers. Values must already be filled
 * (see {@link MissingValues}); NaN is allowed and propagates as in the reference (spec §14).
 */
public final class ChangePointDetector {

    private ChangePointDetector() {
    }

    /** The change points of {@code values}, ascending by index. */
    public static List<ChangePoint> analyze(double[] values, DetectionOptions options) {
        return analyzeWithState(values, options).changePoints();
    }

    /** The change points of {@code values} and the state from which {@link #update} can continue. */
    public static Analysis analyzeWithState(double[] values, DetectionOptions options) {
        Splitter.Result split = Splitter.split(values, windowLen(options), windowDetector(options));
        long fingerprint = Fingerprint.extend(Fingerprint.EMPTY, values, 0, values.length);
        return merge(values, options, split, fingerprint, Map.of());
    }

    /**
     * The analysis of {@code values}, a series whose first {@code previous.length()} values are those
     * {@code previous} was computed from, followed by any number of new ones.
     *
     * <p>The result is exactly that of {@link #analyzeWithState}: the same change points, bit for bit, and an equal
     * state. Only the windows that reached the old end are searched again, and only the t-tests whose segments
     * reach beyond it are recomputed; the merge is replayed. If {@code previous} does not apply (other options,
     * another version, a longer or different prefix) this falls back to a full analysis.
     */
    public static Analysis update(AnalysisState previous, double[] values, DetectionOptions options) {
        if (previous == null || !previous.isCompatibleWith(options, values.length)) {
            return analyzeWithState(values, options);
        }
        long prefixFingerprint = Fingerprint.extend(Fingerprint.EMPTY, values, 0, previous.length());
        if (prefixFingerprint != previous.fingerprint()) {
            return analyzeWithState(values, options);
        }
        Splitter.Result split = Splitter.resume(values, windowLen(options), windowDetector(options),
                previous.resumeStart(), previous.settledPoints());
        long fingerprint = Fingerprint.extend(prefixFingerprint, values, previous.length(), values.length);
        return merge(values, options, split, fingerprint, previous.recordedTests());
    }

    private static boolean isTarkka(DetectionOptions options) {
        return options.algorithm() == Algorithm.TARKKA;
    }

    private static int windowLen(DetectionOptions options) {
        return isTarkka(options) ? TarkkaPreset.WINDOW : options.windowLen();
    }

    private static WindowDetector windowDetector(DetectionOptions options) {
        CandidateSearch search = CandidateSearch.create(options.algorithm(), windowLen(options));
        return isTarkka(options)
                ? new WindowDetector(search, RankSumTest::pvalue, TarkkaPreset.WINDOW_PVALUE,
                TarkkaPreset.OPEN_WINDOW_PVALUE)
                : new WindowDetector(search, (x, start, split, end) -> TTest.compare(x, start, split, end).pvalue(),
                options.windowPvalue());
    }

    private static Analysis merge(double[] values, DetectionOptions options, Splitter.Result split,
                                  long fingerprint, Map<SegmentTests.Segments, SegmentComparison> reusableTests) {
        SegmentTests tests = new SegmentTests(values, isTarkka(options) ? TarkkaPreset::compare : TTest::compare,
                reusableTests);
        List<ChangePoint> changePoints = isTarkka(options)
                ? TarkkaMerger.merge(split.weakPoints(), values, tests)
                : Merger.merge(split.weakPoints(), values.length, tests, options.maxPvalue(), options.minMagnitude());
        AnalysisState state = AnalysisState.of(options, values.length, fingerprint, split, tests.performed());
        return new Analysis(changePoints, state);
    }
}
