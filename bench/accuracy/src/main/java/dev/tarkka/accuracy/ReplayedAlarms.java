package dev.tarkka.accuracy;

import dev.tarkka.detection.Analysis;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.MissingValues;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The false alarms a CI user would actually be sent: a series without change is replayed run by run, as the service
 * sees it (an incremental update per upload), and every change point that appears in a report and was not in the
 * previous one counts as an alarm, even if a later run takes it back. The final analysis (what the F1 and the
 * "FA/1k" columns score) misses those short-lived alarms at the newest runs.
 */
final class ReplayedAlarms {

    /** The replay starts once this many runs exist, like a benchmark that has just been set up. */
    private static final int FIRST_RUNS = 10;

    private ReplayedAlarms() {
    }

    /** Alarms per 1,000 replayed runs over the series without change. */
    static double perThousandRuns(Detector detector, List<LabeledSeries> series, Evaluation evaluation) {
        DetectionOptions options = detector.options();
        if (options == null) {
            return 0; // the zero baseline never reports anything
        }
        List<LabeledSeries> stable = series.stream().filter(LabeledSeries::hasNoChange).toList();
        List<long[]> counts = evaluation.map(stable, s -> replay(options, s));
        long alarms = counts.stream().mapToLong(c -> c[0]).sum();
        long runs = counts.stream().mapToLong(c -> c[1]).sum();
        return runs == 0 ? Double.NaN : 1000.0 * alarms / runs;
    }

    /** {alarms, runs replayed} of one series. */
    private static long[] replay(DetectionOptions options, LabeledSeries series) {
        Analysis analysis = null;
        Set<Integer> reported = new HashSet<>();
        long alarms = 0;
        long runs = 0;
        for (int length = FIRST_RUNS; length <= series.length(); length++) {
            double[] values = MissingValues.fill(Arrays.copyOf(series.values(), length));
            analysis = ChangePointDetector.update(analysis == null ? null : analysis.state(), values, options);
            Set<Integer> now = new HashSet<>();
            for (ChangePoint cp : analysis.changePoints()) {
                now.add(cp.index());
                if (!reported.contains(cp.index())) {
                    alarms++;
                }
            }
            reported = now;
            runs++;
        }
        return new long[]{alarms, runs};
    }
}
