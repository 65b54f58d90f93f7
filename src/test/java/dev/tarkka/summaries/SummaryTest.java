package dev.tarkka.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.series.SeriesStamp;

/** How a summary adds up the change points of its tests (api.md §2.6). */
class SummaryTest {

    static LeafChange change(String metric, long time, double forwardChangePercent) {
        return new LeafChange(metric, time, "c" + time, "main", "repo", "ms", null, 1.0,
                new ChangePoint(3, 1, 2, 0, 0, 0.0001, forwardChangePercent, Math.abs(forwardChangePercent) / 100));
    }

    static Leaf leaf(String testName, LeafChange... changes) {
        return new Leaf(testName, new SeriesStamp(10, new Date(0)), "otava", List.of(), new Date(0), List.of(changes));
    }

    @Test
    void noChangeYetIsAnEmptySummaryWithoutTheLargestChangePoint() {
        Summary summary = new Summary.Builder().add(leaf("a")).build();
        assertThat(summary.totalChangePoints()).isZero();
        assertThat(summary.newestTime()).isNull();
        assertThat(summary.largestChange()).isNull();
        assertThat(summary.largestChangePoint()).isNull();
    }

    @Test
    void newestOldestAndLargestComeFromAnyTest() {
        Summary summary = new Summary.Builder()
                .add(leaf("a", change("m1", 10, 5), change("m2", 30, -80)))
                .add(leaf("b", change("m1", 20, 40), change("m1", 5, 10)))
                .build();
        assertThat(summary.totalChangePoints()).isEqualTo(4);
        assertThat(summary.newestTime()).isEqualTo(30);
        assertThat(summary.newestTestName()).isEqualTo("a");
        assertThat(summary.oldestTime()).isEqualTo(5);
        assertThat(summary.oldestTestName()).isEqualTo("b");
        assertThat(summary.largestChange()).as("compared by size, kept with its sign").isEqualTo(-80);
        assertThat(summary.largestChangePoint().metric()).isEqualTo("m2");
        assertThat(summary.largestChangePoint().forwardChangePercent()).isEqualTo("-80");
    }

    @Test
    void tiesGoToTheTestAddedFirst() {
        Summary summary = new Summary.Builder().add(leaf("a", change("m", 10, 50)))
                .add(leaf("b", change("m", 10, -50))).build();
        assertThat(summary.newestTestName()).isEqualTo("a");
        assertThat(summary.oldestTestName()).isEqualTo("a");
        assertThat(summary.largestTestName()).isEqualTo("a");
    }
}
