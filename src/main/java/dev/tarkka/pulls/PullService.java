package dev.tarkka.pulls;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.changes.ChangeNotices;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.DisabledMetrics;
import dev.tarkka.changes.TestReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.notify.ChangeNotice;
import dev.tarkka.notify.Notifications;
import dev.tarkka.notify.PullNotice;
import dev.tarkka.series.DuplicateResultException;
import dev.tarkka.series.OwnerLimits;
import dev.tarkka.series.PullEntry;
import dev.tarkka.series.RepoBranch;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.TestNames;
import dev.tarkka.series.UploadParser;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Pull-request results (api.md §10): points uploaded for a pull request are stored beside the test's own series
 * but never enter it, its cache or its summaries. A pull request's verdict is Nyrkio's: the test's history up to
 * the pull request's base, plus its point, analysed with the owner's options, keeping only the change points at
 * the pull request's commit.
 */
@ApplicationScoped
public class PullService {

    private final SeriesStore series;
    private final OwnerLimits limits;
    private final UserConfigService configs;
    private final ChangeService changes;
    private final DisabledMetrics disabledMetrics;
    private final Notifications notifications;

    PullService(SeriesStore series, UserConfigService configs, ChangeService changes, DisabledMetrics disabledMetrics,
            OwnerLimits limits, Notifications notifications) {
        this.notifications = notifications;
        this.series = series;
        this.limits = limits;
        this.configs = configs;
        this.changes = changes;
        this.disabledMetrics = disabledMetrics;
    }

    /** One pull request of one repository. */
    public record Pull(String repo, int number) {

        /** The pull request a path names; 422 when the number is not one. */
        public static Pull of(String repo, String number) {
            try {
                return new Pull(repo, Integer.parseInt(number));
            } catch (NumberFormatException e) {
                throw ApiException.invalid(ValidationProblem.notAnInteger(List.of("path", "pull_number"), number));
            }
        }
    }

    /** The verdict of a pull request at one commit: the reports with changes, and every test looked at. */
    public record Verdict(Pull pull, String commit, List<TestReport> changed, List<ChangeNotice> notices,
            List<String> testNames) {

        /** What a pull-request comment says of it. */
        public PullNotice notice() {
            return new PullNotice(pull.repo(), pull.number(), commit, testNames, notices);
        }
    }

    /** One test's verdict: its report at the commit and what to announce of it. */
    private record TestVerdict(TestReport report, List<ChangeNotice> notices) {
    }

    public Uni<List<PullEntry>> pulls(ObjectId owner) {
        return series.pulls(owner);
    }

    /** Stores the points of a pull request (all or none; {@code replace} upserts them instead). */
    public Uni<Void> add(ObjectId owner, Pull pull, String testName, JsonNode body, boolean replace) {
        TestNames.require(testName);
        UploadParser.Upload upload = UploadParser.upload(body);
        if (upload.results().isEmpty()) {
            return replace ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(ApiException.badRequest("Invalid data: the body holds no results"));
        }
        limits.countUpload(owner);
        if (replace) {
            return series.upsert(owner, testName, upload.results(), pull.number());
        }
        return series.insert(owner, testName, upload.results(), pull.number())
                .onFailure(DuplicateResultException.class)
                .transform(e -> ApiException.badRequest("Result for this pull request already exists"));
    }

    /**
     * The test's history up to the pull request's base (only that of one repository and branch when {@code only}
     * is given), then the pull request's newest point (at {@code commit}, when given), as they are read; null when
     * the pull request has no point for the test.
     */
    public Uni<Multi<StoredPoint>> result(ObjectId owner, Pull pull, String testName, String commit, RepoBranch only) {
        TestNames.require(testName);
        return series.pullPoint(owner, testName, pull.number(), pull.repo(), commit).map(point -> point == null ? null
                : Multi.createBy().concatenating().streams(series.history(owner, testName, cutoff(point), only),
                        Multi.createFrom().item(point)));
    }

    /** The names of the tests the pull request has points for at {@code commit}, sorted. */
    public Uni<List<String>> testNames(ObjectId owner, Pull pull, String commit) {
        return series.pullTestNames(owner, pull.number(), pull.repo(), commit);
    }

    /**
     * The reports with a change at {@code commit}, of one test or of every test the pull request uploaded there; with
     * {@code announce} ({@code ?notify=1}), the verdict is first recorded for the channels that comment on pull
     * requests (GitHub: one comment per pull request, updated in place).
     */
    public Uni<List<TestReport>> changes(ObjectId owner, Pull pull, String commit, String testName, boolean announce) {
        return verdict(owner, pull, commit, testName)
                .call(verdict -> announce ? notifications.record(owner, verdict.notice()) : Uni.createFrom().voidItem())
                .map(Verdict::changed);
    }

    /** The verdict at {@code commit} for one test, or for every test the pull request uploaded there. */
    private Uni<Verdict> verdict(ObjectId owner, Pull pull, String commit, String testName) {
        Uni<List<String>> names = testName != null ? Uni.createFrom().item(List.of(TestNames.require(testName)))
                : testNames(owner, pull, commit).invoke(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("No test results found");
                    }
                });
        return names.chain(tests -> configs.detectionOptions(owner).chain(options -> Multi.createFrom().iterable(tests)
                .onItem().transformToUniAndConcatenate(test -> verdict(owner, pull, commit, test, options, tests, null))
                .filter(verdict -> verdict.report().groups() != null && !verdict.report().groups().isEmpty())
                .collect().asList()
                .map(changed -> new Verdict(pull, commit, changed.stream().map(TestVerdict::report).toList(),
                        changed.stream().flatMap(v -> v.notices().stream()).toList(), tests))));
    }

    /**
     * One test's report at {@code commit}, its history only the points of one repository and branch (a public
     * test's); nothing is announced.
     */
    public Uni<TestReport> testVerdict(ObjectId owner, Pull pull, String commit, String testName, RepoBranch only) {
        return configs.detectionOptions(owner)
                .chain(options -> verdict(owner, pull, commit, testName, options, List.of(testName), only))
                .map(TestVerdict::report);
    }

    private Uni<TestVerdict> verdict(ObjectId owner, Pull pull, String commit, String testName, DetectionOptions options,
            List<String> tests, RepoBranch only) {
        return series.pullPoint(owner, testName, pull.number(), pull.repo(), commit)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Did not find any commits for test_name '"
                        + tests + "'. Not even " + commit + " which is the commit of this pull request."))
                .chain(point -> series.seriesUpTo(owner, testName, cutoff(point), only)
                        .map(history -> history.addAll(List.of(point)).build()))
                .chain(points -> disabledMetrics.of(owner, testName)
                        .chain(disabled -> changes.analyse(testName, points, disabled, options))
                        .map(analysis -> analysis.onlyAt(commit))
                        .map(atCommit -> new TestVerdict(atCommit.report(), ChangeNotices.of(atCommit))));
    }

    public Uni<Void> delete(ObjectId owner, Pull pull) {
        return series.deletePull(owner, pull.number(), pull.repo()).replaceWithVoid();
    }

    /**
     * The newest history point a pull request is compared with: its base commit's time when the upload says it
     * ({@code extra_info.base_commit.timestamp}, Unix seconds or an ISO-8601 time as GitHub gives it), else the
     * pull request's own timestamp. Inclusive.
     */
    static long cutoff(StoredPoint point) {
        Map<String, Object> extra = point.result().extraInfo();
        if (extra != null && extra.get("base_commit") instanceof Map<?, ?> base) {
            Object timestamp = base.get("timestamp");
            if (timestamp instanceof Number n) {
                return n.longValue();
            }
            if (timestamp instanceof String text) {
                try {
                    return OffsetDateTime.parse(text).toEpochSecond();
                } catch (DateTimeParseException e) {
                    // not a time: compare with the pull request's own timestamp
                }
            }
        }
        return point.timestamp();
    }
}
