package dev.tarkka.defaults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.changes.ChangeService;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.results.ResultInput;
import dev.tarkka.results.ResultStore;
import io.smallrye.mutiny.Uni;

/**
 * The example test every user starts with, {@code default_benchmark} (api.md §2.9): three points of one
 * metric with a step at the third. Served read-only under {@code /default} and copied to new users.
 */
@ApplicationScoped
public class DefaultData {

    public static final String TEST_NAME = "default_benchmark";
    private static final Logger LOG = Logger.getLogger(DefaultData.class);
    private static final String REPO = "https://github.com/nyrkio/nyrkio";
    static final List<ResultInput> POINTS = List.of(point(1, 1.0, "6d6e7e0"), point(2, 1.0, "5f1c3a2"),
            point(3, 30.0, "a9b8c7d"));

    private final ResultStore results;
    private final ChangeService changes;

    DefaultData(ResultStore results, ChangeService changes) {
        this.results = results;
        this.changes = changes;
    }

    /** Gives a new user their copy; best effort, registration does not depend on it. */
    public Uni<Void> copyTo(ObjectId owner) {
        return results.insert(owner, TEST_NAME, POINTS).onFailure().recoverWithItem(e -> {
            LOG.warnf("Default data not copied to new user %s: %s", owner, e.getMessage());
            return null;
        });
    }

    List<String> testNames() {
        return List.of(TEST_NAME);
    }

    /** The points as the API shows stored ones, without {@code extra_info} (the seed data has none). */
    List<Map<String, Object>> series(String testName) {
        if (!TEST_NAME.equals(testName)) {
            return List.of();
        }
        return POINTS.stream().map(DefaultData::toApi).toList();
    }

    Uni<Map<String, Object>> changes(String testName) {
        if (!TEST_NAME.equals(testName)) {
            return Uni.createFrom().item(Map.of());
        }
        return changes.report(TEST_NAME, POINTS.stream().map(ChangeService::toDataPoint).toList(), Set.of(),
                DetectionOptions.NYRKIO_DEFAULTS);
    }

    private static ResultInput point(long timestamp, double value, String commit) {
        return new ResultInput(timestamp, List.of(new ResultInput.Metric("foo", "ms", value, null)),
                new ResultInput.Attributes(commit, "main", REPO), null);
    }

    private static Map<String, Object> toApi(ResultInput point) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", point.timestamp());
        json.put("metrics", point.metrics().stream()
                .map(m -> Map.of("name", m.name(), "unit", m.unit(), "value", m.value())).toList());
        json.put("attributes", Map.of("git_commit", point.attributes().gitCommit(), "branch",
                point.attributes().branch(), "git_repo", point.attributes().gitRepo()));
        return json;
    }
}
