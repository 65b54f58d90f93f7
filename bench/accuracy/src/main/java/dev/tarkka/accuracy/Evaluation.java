package dev.tarkka.accuracy;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Scores a detector on a set of labeled series the way TCPDBench does: F1 per series, then the mean over series.
 * Detection runs on a pool of the size the command line asks for (one thread by default).
 */
final class Evaluation {

    /**
     * Means over the series, and the false alarms on those without any change.
     *
     * @param f1AtFive               mean F1 with a margin of 5 points
     * @param f1AtOne                mean F1 with a margin of 1 point
     * @param precision              mean precision at margin 5
     * @param recall                 mean recall at margin 5
     * @param falseAlarmsPerThousand change points reported per 1,000 points of the series without change (NaN if none)
     */
    record Scores(int series, double f1AtFive, double f1AtOne, double precision, double recall,
                  double falseAlarmsPerThousand) {
    }

    private final ForkJoinPool pool;

    Evaluation(ForkJoinPool pool) {
        this.pool = pool;
    }

    Scores score(Detector detector, List<LabeledSeries> series) {
        return score(series, predict(detector, series));
    }

    /** The change points the detector reports on each series. */
    List<int[]> predict(Detector detector, List<LabeledSeries> series) {
        return map(series, s -> detector.detect(s.filled()));
    }

    /** The scores of predictions made on {@code series}, one per series in the same order. */
    static Scores score(List<LabeledSeries> series, List<int[]> predictions) {
        double f1AtFive = 0;
        double f1AtOne = 0;
        double precision = 0;
        double recall = 0;
        long noChangePoints = 0;
        long falseAlarms = 0;
        for (int k = 0; k < series.size(); k++) {
            LabeledSeries s = series.get(k);
            F1Measure.Score atFive = F1Measure.score(s.annotations(), predictions.get(k), 5);
            f1AtFive += atFive.f1();
            precision += atFive.precision();
            recall += atFive.recall();
            f1AtOne += F1Measure.score(s.annotations(), predictions.get(k), 1).f1();
            if (s.hasNoChange()) {
                noChangePoints += s.length();
                falseAlarms += predictions.get(k).length;
            }
        }
        int count = series.size();
        double alarmRate = noChangePoints == 0 ? Double.NaN : 1000.0 * falseAlarms / noChangePoints;
        return new Scores(count, f1AtFive / count, f1AtOne / count, precision / count, recall / count, alarmRate);
    }

    /** {@code function} applied to every item on the pool, results in the order of the items. */
    <T, R> List<R> map(List<T> items, Function<T, R> function) {
        try {
            return pool.submit(() -> items.parallelStream().map(function).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
