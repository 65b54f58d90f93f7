package dev.tarkka.summaries;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.tarkka.changes.AnalysisKeys;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.series.StoredSeries;
import dev.tarkka.series.SeriesStamp;

/**
 * The summary of one test: its change points with what the dashboard and the per-commit view show of them, and
 * what it was computed from (the series stamp, the options and the disabled metrics), so that a read can tell
 * whether it is still current.
 */
record Leaf(String testName, SeriesStamp stamp, String options, List<String> disabled, Date computedAt,
        List<LeafChange> changes) {

    static Leaf of(TestAnalysis analysis) {
        List<LeafChange> changes = analysis.locatedChanges().stream().map(c -> change(analysis.series(), c)).toList();
        return new Leaf(analysis.testName(), analysis.series().stamp(), AnalysisKeys.of(analysis.options()),
                List.copyOf(new TreeSet<>(analysis.disabled())), new Date(), changes);
    }

    boolean isCurrent(SeriesStamp current, String currentOptions, Set<String> currentDisabled) {
        return stamp.equals(current) && options.equals(currentOptions)
                && disabled.equals(List.copyOf(new TreeSet<>(currentDisabled)));
    }

    private static LeafChange change(StoredSeries series, TestAnalysis.LocatedChange located) {
        int point = located.point();
        return new LeafChange(located.metric(), series.time(point), series.commit(point), series.branch(point),
                series.repo(point), located.measured().unit(), located.measured().direction(),
                located.measured().value(), located.change());
    }
}
