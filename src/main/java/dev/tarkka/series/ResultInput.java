package dev.tarkka.results;

import java.util.List;
import java.util.Map;

/**
 * One validated data point of an upload: a commit's benchmark results.
 *
 * @param timestamp  Unix seconds of the commit
 * @param metrics    may be empty
 * @param attributes where the numbers come from
 * @param extraInfo  any JSON object, or null
 */
public record ResultInput(long timestamp, List<Metric> metrics, Attributes attributes, Map<String, Object> extraInfo) {

    /** @param value a Long or a Double, as sent; @param direction null when not sent */
    public record Metric(String name, String unit, Number value, String direction) {
    }

    /** @param gitRepo normalised: one trailing slash removed, lower-cased */
    public record Attributes(String gitCommit, String branch, String gitRepo) {
    }
}
