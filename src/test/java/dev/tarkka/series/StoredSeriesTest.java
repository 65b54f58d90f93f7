package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;


/** A builder started from a series' first points builds what adding all of them would. */
class StoredSeriesTest {

    @Test
    void startingWithAPrefixEqualsBuildingFromScratch() {
        Random random = new Random(3);
        List<StoredPoint> points = new ArrayList<>();
        for (int t = 0; t < 500; t++) {
            List<ResultInput.Metric> metrics = new ArrayList<>();
            metrics.add(new ResultInput.Metric("always", t % 3 == 0 ? "ms" : "s", random.nextBoolean() ? (Number) (long) t
                    : (Number) random.nextGaussian(), t % 5 == 0 ? "lower_is_better" : null));
            if (t > 200 && t % 4 != 0) { // a metric that starts late, measured at some points only
                metrics.add(new ResultInput.Metric("late", "ops", t % 7 == 0 ? null : (Number) (double) t, null));
            }
            points.add(new StoredPoint(new ResultInput(t, metrics,
                    new ResultInput.Attributes("c" + t, t % 2 == 0 ? "main" : "dev", "https://github.com/o/r"), null),
                    Instant.ofEpochSecond(1_000 + t), null));
        }
        StoredSeries whole = new StoredSeries.Builder(0).addAll(points).build();
        for (int prefix : new int[] { 0, 1, 200, 201, 202, 499, 500 }) {
            StoredSeries.Builder builder = StoredSeries.Builder.startingWith(whole, prefix, 500);
            assertThat(builder.size()).isEqualTo(prefix);
            StoredSeries rebuilt = builder.addAll(points.subList(prefix, points.size())).build();
            SeriesAssertions.assertSame(rebuilt, whole);
        }
    }
}
