package dev.tarkka.detection;

import java.util.Map;

/**
 * One stored result as the report sees it.
 *
 * @param time       timestamp (seconds), the order of the series
 * @param attributes attribute name to value (git_commit, branch, …), in insertion order
 * @param metrics    metric name to value; a {@code null} value is a missing measurement that gets filled, while a
 *                   metric absent from the map is simply not part of this point's series. Use an ordered map: the
 *                   order in which metrics first appear decides the order of the report.
 */
public record DataPoint(long time, Map<String, String> attributes, Map<String, Double> metrics) {
}
