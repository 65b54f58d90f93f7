package dev.tarkka.summaries;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.tarkka.detection.ReportChange;

/**
 * The dashboard summary of a test or of every test under a prefix (api.md §2.6): how many change points, the
 * newest, the oldest and the largest one (by absolute forward change), in Nyrkio's key order;
 * {@code largest_change_point} appears once a change exists.
 */
@Schema(examples = """
        {"total_change_points": 1, "newest_time": 1700003600, "newest_test_name": "myorg/myrepo/main/bench",
         "newest_change_point": {"metric": "latency", "index": 12, "time": 1700003600, "forward_change_percent": "50", "magnitude": "0.500000",
          "mean_before": "10.000000", "stddev_before": "0.100000", "mean_after": "15.000000", "stddev_after": "0.100000",
          "pvalue": "0.000000"},
         "oldest_time": 1700003600, "oldest_test_name": "myorg/myrepo/main/bench",
         "oldest_change_point": {"metric": "latency", "index": 12, "time": 1700003600, "forward_change_percent": "50", "magnitude": "0.500000",
          "mean_before": "10.000000", "stddev_before": "0.100000", "mean_after": "15.000000", "stddev_after": "0.100000",
          "pvalue": "0.000000"},
         "largest_change": 50.0, "largest_test_name": "myorg/myrepo/main/bench",
         "largest_change_point": {"metric": "latency", "index": 12, "time": 1700003600, "forward_change_percent": "50", "magnitude": "0.500000",
          "mean_before": "10.000000", "stddev_before": "0.100000", "mean_after": "15.000000", "stddev_after": "0.100000",
          "pvalue": "0.000000"}}""")
public record Summary(long totalChangePoints, Long newestTime, String newestTestName,
        ReportChange newestChangePoint, Long oldestTime, String oldestTestName, ReportChange oldestChangePoint,
        Double largestChange, String largestTestName,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReportChange largestChangePoint) {

    /** Adds up the change points of tests; tests are added in name order, so ties go to the first test. */
    static final class Builder {

        private long total;
        private Candidate newest;
        private Candidate oldest;
        private Candidate largest;

        private record Candidate(String testName, LeafChange change) {
            double size() {
                return Math.abs(change.point().forwardChangePercent());
            }
        }

        Builder add(Leaf leaf) {
            for (LeafChange change : leaf.changes()) {
                Candidate candidate = new Candidate(leaf.testName(), change);
                total++;
                if (newest == null || change.time() > newest.change().time()) {
                    newest = candidate;
                }
                if (oldest == null || change.time() < oldest.change().time()) {
                    oldest = candidate;
                }
                if (largest == null || candidate.size() > largest.size()) {
                    largest = candidate;
                }
            }
            return this;
        }

        Summary build() {
            // often one change is the newest, the oldest and the largest: it is formatted once
            ReportChange newestShown = rounded(newest);
            ReportChange oldestShown = oldest == newest ? newestShown : rounded(oldest);
            ReportChange largestShown = largest == newest ? newestShown : largest == oldest ? oldestShown : rounded(largest);
            return new Summary(total,
                    newest == null ? null : newest.change().time(), testName(newest), newestShown,
                    oldest == null ? null : oldest.change().time(), testName(oldest), oldestShown,
                    largest == null ? null : largest.change().point().forwardChangePercent(), testName(largest),
                    largestShown);
        }

        private static String testName(Candidate candidate) {
            return candidate == null ? null : candidate.testName();
        }

        private static ReportChange rounded(Candidate candidate) {
            return candidate == null ? null : candidate.change().rounded();
        }
    }
}
