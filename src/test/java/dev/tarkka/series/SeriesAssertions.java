package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tarkka.detection.SeriesColumns;

/** Comparisons of series built in different ways. */
final class SeriesAssertions {

    private SeriesAssertions() {
    }

    /** Every point, attribute, metric column and measured value of the two series is the same. */
    static void assertSame(StoredSeries actual, StoredSeries expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.stamp()).isEqualTo(expected.stamp());
        for (int point = 0; point < expected.size(); point++) {
            assertThat(actual.time(point)).isEqualTo(expected.time(point));
            assertThat(actual.commit(point)).isEqualTo(expected.commit(point));
            assertThat(actual.branch(point)).isEqualTo(expected.branch(point));
            assertThat(actual.repo(point)).isEqualTo(expected.repo(point));
            assertThat(actual.columns().attributes(point)).isEqualTo(expected.columns().attributes(point));
        }
        assertThat(actual.columns().metricNames()).containsExactlyElementsOf(expected.columns().metricNames());
        for (String metric : expected.columns().metricNames()) {
            SeriesColumns.Metric want = expected.columns().metric(metric);
            SeriesColumns.Metric got = actual.columns().metric(metric);
            assertThat(got.positions()).containsExactly(want.positions());
            assertThat(got.values()).containsExactly(want.values());
            assertThat(got.missing()).isEqualTo(want.missing());
            assertThat(actual.columns().filled(metric)).containsExactly(expected.columns().filled(metric));
            for (int i = 0; i < want.size(); i++) {
                assertThat(actual.measured(metric, i)).isEqualTo(expected.measured(metric, i));
            }
        }
    }
}
