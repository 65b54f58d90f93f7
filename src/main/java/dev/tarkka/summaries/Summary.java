package dev.tarkka.summaries;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;

import dev.tarkka.detection.ReportChange;

/**
 * The dashboard summary of a test or of every test under a prefix (api.md §2.6): how many change points,
 * the newest, the oldest and the largest one (by absolute forward change).
 */
final class Summary {

    private long total;
    private Candidate newest;
    private Candidate oldest;
    private Candidate largest;

    private record Candidate(String testName, Document entry) {
        long time() {
            return entry.getLong("time");
        }

        double change() {
            return entry.getDouble("forward_change_percent");
        }
    }

    /** Adds a test's change points; tests are added in name order, so ties go to the first test. */
    Summary add(Leaf leaf) {
        for (Document entry : leaf.changePoints()) {
            Candidate candidate = new Candidate(leaf.testName(), entry);
            total++;
            if (newest == null || candidate.time() > newest.time()) {
                newest = candidate;
            }
            if (oldest == null || candidate.time() < oldest.time()) {
                oldest = candidate;
            }
            if (largest == null || Math.abs(candidate.change()) > Math.abs(largest.change())) {
                largest = candidate;
            }
        }
        return this;
    }

    /** The JSON object, in Nyrkio's key order; {@code largest_change_point} appears once a change exists. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_change_points", total);
        json.put("newest_time", newest == null ? null : newest.time());
        json.put("newest_test_name", newest == null ? null : newest.testName());
        json.put("newest_change_point", newest == null ? null : rounded(newest.entry()));
        json.put("oldest_time", oldest == null ? null : oldest.time());
        json.put("oldest_test_name", oldest == null ? null : oldest.testName());
        json.put("oldest_change_point", oldest == null ? null : rounded(oldest.entry()));
        json.put("largest_change", largest == null ? null : largest.change());
        json.put("largest_test_name", largest == null ? null : largest.testName());
        if (largest != null) {
            json.put("largest_change_point", rounded(largest.entry()));
        }
        return json;
    }

    private static ReportChange rounded(Document entry) {
        return ReportChange.of(entry.getString("metric"), entry.getLong("time"), Leaf.changePoint(entry));
    }
}
