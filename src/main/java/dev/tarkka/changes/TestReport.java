package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.tarkka.detection.ReportGroup;

/**
 * Nyrkio's change report of one test (api.md §5.1): {@code {"<test>": [groups]}}, {@code {}} when there is
 * nothing to analyse, and Tarkka's {@code warnings} list when something the client should know went wrong after
 * its data was stored (Nyrkio's clients ignore keys they do not know).
 *
 * @param groups null when there is no point or no enabled metric
 */
public record TestReport(String testName, List<ReportGroup> groups, List<String> warnings) {

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
