package dev.tarkka.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.DisabledMetrics;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.StoredSeries;
import dev.tarkka.series.UploadParser;
import dev.tarkka.summaries.PerCommitEntry;
import dev.tarkka.summaries.Summary;
import dev.tarkka.summaries.SummaryService;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Public tests (api.md §7, §8): an owner makes a test's points of one repository and branch public, under a
 * public name; anyone reads exactly those points, and what is computed from them, with the owner's options.
 * Unlike Nyrkio, a public test never shows the points of another repository or branch, and public summaries list
 * only public tests.
 */
@ApplicationScoped
public class PublicTests {

    static final String NO_SUCH_TEST = "No such test exists";
    private static final String GITHUB = "https://github.com/";

    private final TestConfigStore configs;
    private final SeriesStore series;
    private final ChangeService changes;
    private final DisabledMetrics disabledMetrics;
    private final UserConfigService userConfigs;
    private final SummaryService summaries;

    PublicTests(TestConfigStore configs, SeriesStore series, ChangeService changes, DisabledMetrics disabledMetrics,
            UserConfigService userConfigs, SummaryService summaries) {
        this.configs = configs;
        this.series = series;
        this.changes = changes;
        this.disabledMetrics = disabledMetrics;
        this.userConfigs = userConfigs;
        this.summaries = summaries;
    }

    /** Whose test it is: a user's tests are public under repository/branch/test, an organization's as they are named. */
    public enum OwnerKind {
        USER, ORGANIZATION
    }

    /** The public name of a row (api.md §8.1). */
    static String publicName(OwnerKind kind, String testName, String gitRepo, String branch) {
        if (kind == OwnerKind.ORGANIZATION) {
            return testName;
        }
        String repo = gitRepo.startsWith(GITHUB) ? gitRepo.substring(GITHUB.length()) : gitRepo;
        return repo + "/" + branch + "/" + testName;
    }

    public Uni<List<TestConfigItem>> config(ObjectId owner, String testName) {
        return configs.of(owner, testName).map(rows -> rows.stream().map(TestConfigItem::of).toList());
    }

    /**
     * Writes the rows. 409 when a row to make public has a public name another owner's public test holds
     * (nothing is written then); re-publishing one's own test is fine. Answers the public names before the write.
     */
    public Uni<List<String>> write(ObjectId owner, OwnerKind kind, String testName, List<TestConfigItem> items) {
        List<TestConfigStore.Row> rows = items.stream().map(item -> new TestConfigStore.Row(owner, testName,
                item.gitRepo(), item.branch(), item.isPublic(),
                publicName(kind, testName, item.gitRepo(), item.branch()))).toList();
        List<String> published = rows.stream().filter(TestConfigStore.Row::isPublic)
                .map(TestConfigStore.Row::publicName).distinct().toList();
        return Multi.createFrom().iterable(published)
                .onItem().transformToUniAndConcatenate(name -> configs.publicNamed(name).invoke(holders -> {
                    if (holders.stream().anyMatch(row -> !row.owner().equals(owner))) {
                        throw new ApiException(409, "Public test already exists for " + name);
                    }
                }))
                .collect().last()
                .chain(() -> configs.publicUnder(""))
                .map(before -> before.stream().map(TestConfigStore.Row::publicName).distinct().toList())
                .call(() -> configs.upsert(owner, testName, rows));
    }

    public Uni<Void> delete(ObjectId owner, String testName) {
        return configs.delete(owner, testName);
    }

    public Uni<Void> deleteAll(ObjectId owner) {
        return configs.deleteAll(owner);
    }

    // ------------------------------------------------------------------ reads, for anyone

    /** Every public test's public name, sorted. */
    public Uni<List<String>> publicNames() {
        return configs.publicUnder("").map(rows -> rows.stream().map(TestConfigStore.Row::publicName).distinct().toList());
    }

    /** The points of the public test: only those of the repository and branch made public. */
    public Uni<Multi<StoredPoint>> points(String publicName) {
        return row(publicName).chain(row -> series.exists(row.owner(), row.testName())
                .map(exists -> exists ? published(row) : null))
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_TEST));
    }

    /** The change report of the public points, keyed by the test's own name, with the owner's options. */
    public Uni<TestReport> changes(String publicName) {
        return row(publicName).chain(this::analyse).map(TestAnalysis::report);
    }

    /** Summaries of the public tests under a prefix (segment-aware), keyed {@code /<public name>}. */
    public Uni<Map<String, Summary>> summaries(String prefix) {
        return configs.publicUnder(prefix).map(rows -> rows.stream()
                .filter(row -> row.publicName().equals(prefix) || row.publicName().startsWith(prefix + "/")).toList())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> analyse(row).map(a -> Map.entry("/" + row.publicName(), a)))
                        .collect().in(LinkedHashMap<String, TestAnalysis>::new, (map, e) -> map.put(e.getKey(), e.getValue())))
                .map(summaries::summariesOf)
                .map(found -> found.isEmpty() ? null : found)
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_TEST + " " + prefix));
    }

    /** The per-commit view of the public tests whose public names start with the prefix. */
    public Uni<List<PerCommitEntry>> perCommit(String prefix, String commit) {
        String name = prefix.startsWith(GITHUB) ? prefix.substring(GITHUB.length()) : prefix;
        return configs.publicUnder(name).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().failure(ApiException.notFound(NO_SUCH_TEST));
            }
            return Multi.createFrom().iterable(rows)
                    .onItem().transformToUniAndConcatenate(row -> userConfigs.detectionOptions(row.owner())
                            .chain(options -> analyse(row).map(analysis -> summaries.perCommitOf(row.owner(), options,
                                    List.of(analysis), commit))))
                    .collect().in(ArrayList<PerCommitEntry>::new, List::addAll)
                    .map(list -> (List<PerCommitEntry>) list);
        });
    }

    private Uni<TestConfigStore.Row> row(String publicName) {
        return configs.publicNamed(publicName)
                .map(rows -> rows.isEmpty() ? null : rows.get(0))
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_TEST));
    }

    /** The test's points of the published repository (compared as stored: lower-cased, no trailing slash) and branch. */
    private Multi<StoredPoint> published(TestConfigStore.Row row) {
        String repo = UploadParser.normaliseRepo(row.gitRepo());
        return series.points(row.owner(), row.testName(), null, null)
                .filter(point -> repo.equals(point.result().attributes().gitRepo())
                        && row.branch().equals(point.result().attributes().branch()));
    }

    private Uni<TestAnalysis> analyse(TestConfigStore.Row row) {
        return Uni.combine().all().unis(published(row).collect().asList(),
                disabledMetrics.of(row.owner(), row.testName()), userConfigs.detectionOptions(row.owner()))
                .asTuple()
                .chain(input -> {
                    StoredSeries points = new StoredSeries.Builder(input.getItem1().size()).addAll(input.getItem1()).build();
                    return changes.analyse(row.testName(), points, input.getItem2(), input.getItem3());
                });
    }

}
