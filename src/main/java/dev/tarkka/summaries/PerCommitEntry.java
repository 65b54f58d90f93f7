package dev.tarkka.summaries;

import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.DetectionOptions;

/**
 * One element of the per-commit view (api.md §4.10): the change points of one test at one commit, in Nyrkio's
 * shape (its field names and order, its unrounded numbers).
 */
@Schema(examples = """
        {"_id": {"git_commit": "d4e5f6", "user_id": "65f1c0ffee0123456789abcd", "max_pvalue": 0.001, "min_magnitude": 0.05,
                 "test_name": "myorg/myrepo/main/bench"},
         "time": 1700003600, "time_min_max": [1700003600, 1700003600], "test_name": "myorg/myrepo/main/bench",
         "attributes": {"git_repo": "https://github.com/myorg/myrepo", "test_name": "myorg/myrepo/main/bench", "branch": "main"},
         "metric": {"_name_control": ["latency"], "name": ["latency"], "unit": ["ms"], "value": [15.0],
                    "direction": ["lower_is_better"], "unit_first": "ms", "direction_first": "lower_is_better"},
         "cp_values": [{"metric": "latency", "index": 12, "time": 1700003600, "forward_change_percent": 50.0,
                        "magnitude": 0.5, "mean_before": 10.0, "stddev_before": 0.1, "mean_after": 15.0,
                        "stddev_after": 0.1, "pvalue": 1.2e-9}],
         "meta": {"change_points_timestamp": "2026-11-29T10:00:00Z"}}""")
public record PerCommitEntry(@JsonProperty("_id") Key id, long time, List<Long> timeMinMax, String testName,
        Attributes attributes, Metrics metric, List<Change> cpValues, Meta meta) {

    @Schema(name = "PerCommitKey")
    public record Key(String gitCommit, String userId, double maxPvalue, double minMagnitude, String testName) {
    }

    @Schema(name = "PerCommitAttributes")
    public record Attributes(String gitRepo, String testName, String branch) {
    }

    /** The metrics that changed at the commit, as parallel lists. */
    @Schema(name = "PerCommitMetrics")
    public record Metrics(@JsonProperty("_name_control") List<String> nameControl, List<String> name,
            List<String> unit, List<Number> value, List<String> direction, String unitFirst, String directionFirst) {
    }

    /** A change point with its numbers unrounded. */
    @Schema(name = "PerCommitChange")
    public record Change(String metric, int index, long time, double forwardChangePercent, double magnitude,
            double meanBefore, double stddevBefore, double meanAfter, double stddevAfter, double pvalue) {
    }

    @Schema(name = "PerCommitMeta")
    public record Meta(String changePointsTimestamp) {
    }

    /** The entry of {@code changes}, all of one test at one commit. */
    static PerCommitEntry of(ObjectId owner, DetectionOptions options, Leaf leaf, String commit,
            List<LeafChange> changes) {
        LeafChange first = changes.get(0);
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        List<Change> cpValues = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (LeafChange change : changes) {
            names.add(change.metric());
            units.add(change.unit());
            values.add(change.value());
            directions.add(change.direction());
            ChangePoint p = change.point();
            cpValues.add(new Change(change.metric(), p.index(), change.time(), p.forwardChangePercent(),
                    p.magnitude(), p.meanBefore(), p.stddevBefore(), p.meanAfter(), p.stddevAfter(), p.pvalue()));
            min = Math.min(min, change.time());
            max = Math.max(max, change.time());
        }
        return new PerCommitEntry(
                new Key(commit, owner.toHexString(), options.maxPvalue(), options.minMagnitude(), leaf.testName()),
                first.time(), List.of(min, max), leaf.testName(),
                new Attributes(first.gitRepo(), leaf.testName(), first.branch()),
                new Metrics(names, names, units, values, directions, units.get(0), directions.get(0)),
                cpValues, new Meta(leaf.computedAt().toInstant().toString()));
    }
}
