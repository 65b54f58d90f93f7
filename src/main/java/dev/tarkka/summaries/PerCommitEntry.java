package dev.tarkka.summaries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.DetectionOptions;

/** One element of the per-commit view (api.md §4.10): the change points of one test at one commit. */
final class PerCommitEntry {

    private PerCommitEntry() {
    }

    static Map<String, Object> of(ObjectId owner, DetectionOptions options, Leaf leaf, String commit,
            List<Document> changePoints) {
        Document first = changePoints.get(0);
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("git_commit", commit);
        id.put("user_id", owner.toHexString());
        id.put("max_pvalue", options.maxPvalue());
        id.put("min_magnitude", options.minMagnitude());
        id.put("test_name", leaf.testName());

        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        List<Map<String, Object>> cpValues = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Document cp : changePoints) {
            names.add(cp.getString("metric"));
            units.add(cp.getString("unit"));
            values.add(cp.get("value"));
            directions.add(cp.getString("direction"));
            cpValues.add(unrounded(cp));
            min = Math.min(min, cp.getLong("time"));
            max = Math.max(max, cp.getLong("time"));
        }
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("_name_control", names);
        metric.put("name", names);
        metric.put("unit", units);
        metric.put("value", values);
        metric.put("direction", directions);
        metric.put("unit_first", units.get(0));
        metric.put("direction_first", directions.get(0));

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("git_repo", first.getString("git_repo"));
        attributes.put("test_name", leaf.testName());
        attributes.put("branch", first.getString("branch"));

        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("_id", id);
        entry.put("time", first.getLong("time"));
        entry.put("time_min_max", List.of(min, max));
        entry.put("test_name", leaf.testName());
        entry.put("attributes", attributes);
        entry.put("metric", metric);
        entry.put("cp_values", cpValues);
        entry.put("meta", Map.of("change_points_timestamp", leaf.computedAt().toInstant().toString()));
        return entry;
    }

    @SuppressWarnings("unchecked")
    static String commit(Map<String, Object> entry) {
        return (String) ((Map<String, Object>) entry.get("_id")).get("git_commit");
    }

    private static Map<String, Object> unrounded(Document cp) {
        ChangePoint point = Leaf.changePoint(cp);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", cp.getString("metric"));
        json.put("index", point.index());
        json.put("time", cp.getLong("time"));
        json.put("forward_change_percent", point.forwardChangePercent());
        json.put("magnitude", point.magnitude());
        json.put("mean_before", point.meanBefore());
        json.put("stddev_before", point.stddevBefore());
        json.put("mean_after", point.meanAfter());
        json.put("stddev_after", point.stddevAfter());
        json.put("pvalue", point.pvalue());
        return json;
    }
}
