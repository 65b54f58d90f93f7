package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.tarkka.detection.ReportGroup;

/**
 * Nyrkio's change report of one test (api.md §5.1): {@code {"<test>": [groups]}}, {@code {}} when there is
 * nothing to analyse, and Tarkka's {@code warnings} list when something the client should know went wrong after
 * its data was stored (Nyrkio's clients ignore keys they do not know).
 *
 * @param groups null when there is no point or no enabled metric
 */
@Schema(name = "ChangeReport", description = "{\"<test name>\": [change groups]}: one group per time with a change point,"
        + " numbers formatted as strings; {} when the test has no data or no enabled metric",
        additionalProperties = ReportGroup[].class, examples = """
                {"myorg/myrepo/main/bench": [{"time": 1700003600,
                  "attributes": {"branch": "main", "git_repo": "https://github.com/myorg/myrepo", "git_commit": "d4e5f6"},
                  "changes": [{"metric": "latency", "index": 12, "time": 1700003600, "forward_change_percent": "50",
                    "magnitude": "0.500000", "mean_before": "10.000000", "stddev_before": "0.100000",
                    "mean_after": "15.000000", "stddev_after": "0.100000", "pvalue": "0.000000"}]}]}""")
public record TestReport(@Schema(hidden = true) String testName, @Schema(hidden = true) List<ReportGroup> groups,
        @Schema(description = "The data is stored, but something after storing it did not work out") List<String> warnings) {

    public TestReport {
        warnings = List.copyOf(warnings);
    }

    /** The same report with more warnings. */
    public TestReport withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new TestReport(testName, groups, all);
    }

    @JsonValue
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (groups != null) {
            json.put(testName, groups);
        }
        if (!warnings.isEmpty()) {
            json.put("warnings", warnings);
        }
        return json;
    }
}
