package dev.tarkka.results;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.changes.ChangeNotices;
import dev.tarkka.changes.ChangePointCache;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.notify.Notifications;
import dev.tarkka.series.OwnerLimits;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.TestNames;
import dev.tarkka.series.UploadParser;
import dev.tarkka.summaries.SummaryService;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The results API's orchestration, in one direction: validate the whole upload, store it in the series, and
 * only then analyse it with the owner's options, refresh its summary and record what to announce. Each step is
 * reactive; the analysis itself runs on the detection pool.
 */
@ApplicationScoped
public class ResultService {

    private static final Logger LOG = Logger.getLogger(ResultService.class);

    private final SeriesStore series;
    private final OwnerLimits limits;
    private final UserConfigService configs;
    private final ChangeService changes;
    private final ChangePointCache cache;
    private final SummaryService summaries;
    private final Notifications notifications;

    ResultService(SeriesStore series, UserConfigService configs, ChangeService changes, ChangePointCache cache,
            SummaryService summaries, Notifications notifications, OwnerLimits limits) {
        this.series = series;
        this.limits = limits;
        this.configs = configs;
        this.changes = changes;
        this.cache = cache;
        this.summaries = summaries;
        this.notifications = notifications;
    }

    public Uni<List<TestEntry>> testNames(ObjectId owner) {
        return series.testNames(owner).map(names -> names.stream().map(TestEntry::new).toList());
    }

    /**
     * The test's own points as they are read (a page of them from {@code since} on, at most {@code limit}), or null
     * when the owner has no test of that name; a test with only pull-request points has an empty series
     * (api.md §4.3).
     */
    public Uni<Multi<StoredPoint>> points(ObjectId owner, String testName, Long since, Integer limit) {
        TestNames.require(testName);
        return series.exists(owner, testName)
                .map(exists -> exists ? series.points(owner, testName, since, limit) : null);
    }

    /** Stores new points (all or none), then answers the change report of the whole series. */
    public Uni<TestReport> add(ObjectId owner, String testName, JsonNode body) {
        TestNames.require(testName);
        UploadParser.Upload upload = UploadParser.upload(body);
        if (upload.results().isEmpty()) {
            return Uni.createFrom().failure(ApiException.badRequest("Invalid data: the body holds no results"));
        }
        limits.countUpload(owner);
        return series.insert(owner, testName, upload.results())
                .chain(() -> analyseAfterWrite(owner, testName))
                .map(report -> report.withWarnings(upload.warnings()));
    }

    /** Stores points, replacing those with the same key, then answers the change report. */
    public Uni<TestReport> replace(ObjectId owner, String testName, JsonNode body) {
        TestNames.require(testName);
        UploadParser.Upload upload = UploadParser.upload(body);
        limits.countUpload(owner);
        Uni<Void> stored = upload.results().isEmpty() ? Uni.createFrom().voidItem()
                : series.upsert(owner, testName, upload.results());
        return stored.chain(() -> analyseAfterWrite(owner, testName))
                .map(report -> report.withWarnings(upload.warnings()));
    }

    /**
     * The report and the summary after a write that is already stored. A failure here must not turn the
     * stored write into an error: the client gets 200 with a warning, and reads recompute what is missing.
     */
    private Uni<TestReport> analyseAfterWrite(ObjectId owner, String testName) {
        return configs.detectionOptions(owner)
                .chain(options -> changes.analyse(owner, testName, options))
                .call(analysis -> summaries.refresh(owner, analysis))
                .chain(analysis -> announce(owner, analysis))
                .onFailure().recoverWithItem(e -> ChangeService.afterWriteWarning(testName, e));
    }

    /**
     * The report, once what the owner is to be told of its change points is recorded in the outbox. Not being
     * able to record it does not fail the write: the answer says so, and the next write records it.
     */
    Uni<TestReport> announce(ObjectId owner, TestAnalysis analysis) {
        return notifications.record(owner, ChangeNotices.of(analysis))
                .replaceWith(analysis.report())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Notifications of %s not recorded: %s", analysis.testName(), e.getMessage());
                    return analysis.report().withWarnings(List.of(Notifications.NOT_RECORDED));
                });
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return series.deleteAll(owner).chain(() -> cleanUp(summaries.forgetAll(owner), cache.deleteAll(owner)));
    }

    /** Deletes one point (with a timestamp) or the whole test; false when the test does not exist. */
    public Uni<Boolean> delete(ObjectId owner, String testName, Long timestamp) {
        TestNames.require(testName);
        return series.exists(owner, testName)
                .chain(exists -> {
                    if (!exists) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> deleted = timestamp == null ? deleteTest(owner, testName)
                            : deletePoint(owner, testName, timestamp);
                    return deleted.replaceWith(true);
                });
    }

    private Uni<Void> deleteTest(ObjectId owner, String testName) {
        return series.deleteTest(owner, testName)
                .chain(() -> cleanUp(summaries.forget(owner, testName), cache.deleteTest(owner, testName)));
    }

    /**
     * Removes what was derived from deleted points. Only housekeeping: reads ignore summaries of tests
     * without points and the engine never trusts a cached state blindly, so a failure here is logged, not
     * answered.
     */
    private static Uni<Void> cleanUp(Uni<Void> summaries, Uni<Void> cache) {
        return Uni.combine().all().unis(summaries, cache).discardItems().onFailure().recoverWithItem(e -> {
            LOG.warnf("Derived data of deleted results not removed yet: %s", e.getMessage());
            return null;
        });
    }

    private Uni<Void> deletePoint(ObjectId owner, String testName, long timestamp) {
        return series.deletePoint(owner, testName, timestamp).chain(() -> analyseAfterWrite(owner, testName))
                .replaceWithVoid();
    }
}
