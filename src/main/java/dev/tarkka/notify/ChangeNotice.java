package dev.tarkka.notify;

import java.util.List;

/**
 * The change points of a test at one commit (one group of its change report): what a notification announces.
 *
 * @param time the commit's timestamp (Unix seconds), which {@code notifiers.since_days} is measured against
 */
public record ChangeNotice(String testName, long time, String gitCommit, String branch, String gitRepo,
        List<MetricChange> changes) {

    public ChangeNotice {
        changes = List.copyOf(changes);
    }

    public boolean hasRegression() {
        return changes.stream().anyMatch(c -> c.kind() == MetricChange.Kind.REGRESSION);
    }

    /** Only improvements: what {@code regressions_only} leaves out. */
    public boolean onlyImprovements() {
        return changes.stream().allMatch(c -> c.kind() == MetricChange.Kind.IMPROVEMENT);
    }

    /** What the notice is about, the same however often it is recorded. */
    String subject() {
        return "change/" + testName + "/" + gitCommit + "/" + time;
    }
}
