package dev.tarkka.defaults;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.tarkka.auth.AccountSetup;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.SeriesColumns;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.SeriesStore;
import io.smallrye.mutiny.Uni;

/**
 * The example test every user starts with, {@code default_benchmark} (api.md §2.9): three points of one
 * metric with a step at the third. Served read-only under {@code /default} and copied to new users.
 */
@ApplicationScoped
public class DefaultData implements AccountSetup {

    public static final String TEST_NAME = "default_benchmark";
    private static final String REPO = "https://github.com/nyrkio/nyrkio";
    static final List<ResultInput> POINTS = List.of(point(1, 1.0, "6d6e7e0"), point(2, 1.0, "5f1c3a2"),
            point(3, 30.0, "a9b8c7d"));

    /** The seed points as the API shows them: without {@code extra_info}, which the seed data has none of. */
    @Schema(examples = """
            {"timestamp": 1, "metrics": [{"name": "metric1", "unit": "ms", "value": 1.0}],
             "attributes": {"git_commit": "123456", "branch": "main", "git_repo": "https://github.com/nyrkio/nyrkio"}}""")
    public record DefaultPoint(long timestamp, List<ResultInput.Metric> metrics, ResultInput.Attributes attributes) {
    }

    private final SeriesStore series;
    private final ChangeService changes;

    DefaultData(SeriesStore series, ChangeService changes) {
        this.series = series;
        this.changes = changes;
    }

    /** Gives a new user their copy. */
    @Override
    public Uni<Void> setUp(ObjectId userId) {
        return series.insert(userId, TEST_NAME, POINTS);
    }

    List<String> testNames() {
        return List.of(TEST_NAME);
    }

    List<DefaultPoint> series(String testName) {
        if (!TEST_NAME.equals(testName)) {
            return List.of();
        }
        return POINTS.stream().map(p -> new DefaultPoint(p.timestamp(), p.metrics(), p.attributes())).toList();
    }

    Uni<TestReport> changes(String testName) {
        if (!TEST_NAME.equals(testName)) {
            return Uni.createFrom().item(new TestReport(testName, null, List.of()));
        }
        return changes.report(TEST_NAME, SeriesColumns.of(POINTS.stream().map(ResultInput::toDataPoint).toList()), Set.of(),
                DetectionOptions.NYRKIO_DEFAULTS);
    }

    private static ResultInput point(long timestamp, double value, String commit) {
        return new ResultInput(timestamp, List.of(new ResultInput.Metric("foo", "ms", value, null)),
                new ResultInput.Attributes(commit, "main", REPO), null);
    }
}
