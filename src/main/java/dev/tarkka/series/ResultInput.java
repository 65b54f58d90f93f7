package dev.tarkka.series;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.tarkka.detection.DataPoint;

/**
 * One data point of a test: a commit's benchmark results, as uploaded and as the API shows it stored
 * ({@code {timestamp, metrics, attributes, extra_info}}, api.md §4.3).
 *
 * @param timestamp  Unix seconds of the commit
 * @param metrics    may be empty
 * @param attributes where the numbers come from
 * @param extraInfo  any JSON object, or null
 */
public record ResultInput(long timestamp, List<Metric> metrics, Attributes attributes, Map<String, Object> extraInfo) {

    /**
     * @param value     a Long or a Double, as sent (null only for a stored value that is not a number)
     * @param direction null when not sent, and then absent from the JSON
     */
    public record Metric(String name, String unit, Number value,
            @JsonInclude(JsonInclude.Include.NON_NULL) String direction) {
    }

    /** @param gitRepo normalised: one trailing slash removed, lower-cased */
    public record Attributes(String gitCommit, String branch, String gitRepo) {
    }

    /**
     * The point as the engine sees it: the first value of each metric (a value that is not a number is a gap
     * to fill), and the attributes in the order Nyrkio's reports show them.
     */
    public DataPoint toDataPoint() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            values.putIfAbsent(metric.name(), metric.value() == null ? null : metric.value().doubleValue());
        }
        Map<String, String> reported = new LinkedHashMap<>();
        reported.put("branch", attributes.branch());
        reported.put("git_repo", attributes.gitRepo());
        reported.put("git_commit", attributes.gitCommit());
        return new DataPoint(timestamp, reported, values);
    }
}
