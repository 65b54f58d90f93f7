package dev.tarkka.series;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(ref = "Point")
public record StoredPoint(ResultInput result, Instant lastModified, Integer pullRequest) {

    /** The JSON of a stored point. */
    @Schema(name = "Point", examples = """
            {"timestamp": 1700000000,
             "metrics": [{"name": "latency", "unit": "ms", "value": 12.5, "direction": "lower_is_better"}],
             "attributes": {"git_commit": "a1b2c3", "branch": "main", "git_repo": "https://github.com/myorg/myrepo"},
             "extra_info": {"runner": "ubuntu-latest"}}""")
    public record View(long timestamp, List<ResultInput.Metric> metrics, ResultInput.Attributes attributes,
            @Schema(nullable = true) Map<String, Object> extraInfo,
            @Schema(description = "Only on a pull request's points") @JsonInclude(JsonInclude.Include.NON_NULL) Integer pullRequest) {
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
