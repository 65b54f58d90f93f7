package dev.tarkka.summaries;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ReportChange;

/**
 * One change point of a test as summaries and the per-commit view show it: the change, and what the point it
 * happened at says about it.
 */
record LeafChange(String metric, long time, String gitCommit, String branch, String gitRepo, String unit,
        String direction, Number value, ChangePoint point) {

    /** The change as reports show it, numbers formatted. */
    ReportChange rounded() {
        return ReportChange.of(metric, time, point);
    }
}
