package dev.tarkka.detection;

import java.util.List;
import java.util.Map;

/**
 * The change points of all metrics at one timestamp (spec §15.1).
 *
 * @param time       timestamp of the change
 * @param attributes the attributes of the data point at that timestamp, in insertion order
 * @param changes    one entry per metric that changed there, in metric order
 */
public record ReportGroup(long time, Map<String, String> attributes, List<ReportChange> changes) {
}
