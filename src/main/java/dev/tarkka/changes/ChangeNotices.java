package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.notify.ChangeNotice;
import dev.tarkka.notify.MetricChange;
import dev.tarkka.series.StoredSeries;

/** What an analysis has to announce: its change points, one notice per commit, in report order. */
public final class ChangeNotices {

    private ChangeNotices() {
    }

    public static List<ChangeNotice> of(TestAnalysis analysis) {
        StoredSeries series = analysis.series();
        Map<Integer, List<TestAnalysis.LocatedChange>> byPoint = new LinkedHashMap<>();
        for (TestAnalysis.LocatedChange located : analysis.locatedChanges()) {
            byPoint.computeIfAbsent(located.point(), k -> new ArrayList<>()).add(located);
        }
        List<ChangeNotice> notices = new ArrayList<>(byPoint.size());
        byPoint.forEach((point, changes) -> notices.add(new ChangeNotice(analysis.testName(), series.time(point),
                series.commit(point), series.branch(point), series.repo(point), changes.stream().map(c -> {
                    ChangePoint p = c.change();
                    return new MetricChange(c.metric(), c.measured().unit(), c.measured().direction(),
                            p.forwardChangePercent(), p.magnitude(), p.meanBefore(), p.meanAfter(), p.pvalue());
                }).toList())));
        return notices;
    }
}
