package dev.tarkka.series;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A data point as read back from the store: what was uploaded, when it was last written, and the pull request
 * it belongs to (null for points of the test's own series). It is shown as uploaded, plus
 * {@code pull_request} for pull-request points (api.md §4.3, §10.2).
 */
public record StoredPoint(ResultInput result, Instant lastModified, Integer pullRequest) {

    /** The JSON of a stored point. */
    public record View(long timestamp, List<ResultInput.Metric> metrics, ResultInput.Attributes attributes,
            Map<String, Object> extraInfo, @JsonInclude(JsonInclude.Include.NON_NULL) Integer pullRequest) {
    }

    @JsonValue
    View view() {
        return new View(result.timestamp(), result.metrics(), result.attributes(), result.extraInfo(), pullRequest);
    }

    public long timestamp() {
        return result.timestamp();
    }

    public String gitCommit() {
        return result.attributes().gitCommit();
    }
}
