package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.notify.ChangeNotice;
import dev.tarkka.notify.MetricChange;
import dev.tarkka.series.ResultInput;

/** What an analysis has to announce: its change points, one notice per commit, in report order. */
public final class ChangeNotices {

    private ChangeNotices() {
    }

    public static List<ChangeNotice> of(TestAnalysis analysis) {
        Map<String, List<TestAnalysis.LocatedChange>> byCommit = new LinkedHashMap<>();
        for (TestAnalysis.LocatedChange located : analysis.locatedChanges()) {
            byCommit.computeIfAbsent(located.at().timestamp() + "/" + located.at().gitCommit(), k -> new ArrayList<>())
                    .add(located);
        }
        List<ChangeNotice> notices = new ArrayList<>(byCommit.size());
        for (List<TestAnalysis.LocatedChange> changes : byCommit.values()) {
            ResultInput at = changes.get(0).at().result();
            notices.add(new ChangeNotice(analysis.testName(), at.timestamp(), at.attributes().gitCommit(),
                    at.attributes().branch(), at.attributes().gitRepo(), changes.stream().map(c -> {
                        ChangePoint p = c.point();
                        return new MetricChange(c.metric(), c.measured().unit(), c.measured().direction(),
                                p.forwardChangePercent(), p.magnitude(), p.meanBefore(), p.meanAfter(), p.pvalue());
                    }).toList()));
        }
        return notices;
    }
}
