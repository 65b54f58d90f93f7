package dev.tarkka.series;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.tarkka.detection.DataPoint;

/**
 * One data point of a test: a commit's benchmark results, as uploaded and as the API shows it stored
 * ({@code {timestamp, metrics, attributes, extra_info}}, api.md §4.3). The upload parser reads it by hand
 * ({@link UploadParser}); the annotations describe the same shape in the OpenAPI document.
 *
 * @param timestamp  Unix seconds of the commit
 * @param metrics    may be empty
 * @param attributes where the numbers come from
 * @param extraInfo  any JSON object, or null
 */
@Schema(name = "Result", description = "One data point: a commit's benchmark results. Keys Tarkka does not store are"
        + " dropped; Nyrkio's lax coercions are accepted (\"12\" or 12.0 for a timestamp, \"3.2\" for a value).",
        examples = """
                {"timestamp": 1700000000,
                 "metrics": [{"name": "latency", "unit": "ms", "value": 12.5, "direction": "lower_is_better"}],
                 "attributes": {"git_repo": "https://github.com/myorg/myrepo", "branch": "main", "git_commit": "a1b2c3"},
                 "extra_info": {"runner": "ubuntu-latest"}}""")
public record ResultInput(
        @Schema(required = true, description = "Unix seconds of the commit") long timestamp,
        @Schema(required = true, description = "May be empty; at most 1000, each name once") List<Metric> metrics,
        @Schema(required = true) Attributes attributes,
        @Schema(nullable = true, description = "Any JSON object, kept as sent") Map<String, Object> extraInfo) {

    /**
     * @param value     a Long or a Double, as sent (null only for a stored value that is not a number)
     * @param direction null when not sent, and then absent from the JSON
     */
    @Schema(name = "Metric")
    public record Metric(@Schema(required = true, maxLength = 1024) String name,
            @Schema(required = true, maxLength = 1024) String unit,
            @Schema(required = true, type = SchemaType.NUMBER, description = "A finite number") Number value,
            @Schema(enumeration = { "higher_is_better", "lower_is_better" },
                    description = "Left out: a change is reported, neither a regression nor an improvement")
            @JsonInclude(JsonInclude.Include.NON_NULL) String direction) {
    }

    /** @param gitRepo normalised: one trailing slash removed, lower-cased */
    @Schema(name = "ResultAttributes")
    public record Attributes(@Schema(required = true, maxLength = 1024) String gitCommit,
            @Schema(required = true, maxLength = 1024) String branch,
            @Schema(required = true, maxLength = 1024, description = "Stored lower-cased, without a trailing slash")
            String gitRepo) {
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
