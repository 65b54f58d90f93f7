package dev.tarkka.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.DisabledMetrics;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.pulls.PullService;
import dev.tarkka.pulls.PullService.Pull;
import dev.tarkka.series.PullEntry;
import dev.tarkka.series.RepoBranch;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.StoredSeries;
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
    private final PullService pulls;

    PublicTests(TestConfigStore configs, SeriesStore series, ChangeService changes, DisabledMetrics disabledMetrics,
            UserConfigService userConfigs, SummaryService summaries, PullService pulls) {
        this.pulls = pulls;
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

    // ------------------------------------------------------------------ pull requests of public tests

    /**
     * A public test's pull-request point at {@code commit} after its published history up to the pull request's
     * base; null when the pull request, which must be of the published repository, has no such point.
     */
    public Uni<Multi<StoredPoint>> pullResult(String publicName, Pull pull, String commit) {
        return row(publicName).chain(row -> row.published().isRepository(pull.repo())
                ? pulls.result(row.owner(), pull, row.testName(), commit, row.published())
                : Uni.createFrom().nullItem());
    }

    /**
     * The verdict at {@code commit} of one public test ({@code publicName}), or of every public test of the pull
     * request's repository that the pull request uploaded there: the reports with a change at the commit, each
     * compared with the published history only. Nothing is announced: a reader is not the owner.
     */
    public Uni<List<TestReport>> pullChanges(Pull pull, String commit, String publicName) {
        Uni<List<TestConfigStore.Row>> rows = publicName != null ? row(publicName).map(List::of) : configs.publicUnder("");
        return rows.map(found -> found.stream().filter(row -> row.published().isRepository(pull.repo())).toList())
                .chain(found -> publicName != null ? Uni.createFrom().item(found) : uploadedAt(pull, commit, found))
                .invoke(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound(publicName != null ? NO_SUCH_TEST : "No test results found");
                    }
                })
                .chain(found -> Multi.createFrom().iterable(found)
                        .onItem().transformToUniAndConcatenate(row -> pulls.testVerdict(row.owner(), pull, commit,
                                row.testName(), row.published()))
                        .filter(report -> report.groups() != null && !report.groups().isEmpty())
                        .collect().asList());
    }

    /** The rows, one per owner and test, whose test the pull request has points for at {@code commit}. */
    private Uni<List<TestConfigStore.Row>> uploadedAt(Pull pull, String commit, List<TestConfigStore.Row> rows) {
        Map<ObjectId, List<TestConfigStore.Row>> byOwner = rows.stream()
                .collect(Collectors.groupingBy(TestConfigStore.Row::owner, LinkedHashMap::new, Collectors.toList()));
        return Multi.createFrom().iterable(byOwner.entrySet())
                .onItem().transformToUniAndConcatenate(owned -> pulls.testNames(owned.getKey(), pull, commit)
                        .map(uploaded -> owned.getValue().stream().filter(row -> uploaded.contains(row.testName()))
                                .collect(Collectors.toMap(TestConfigStore.Row::testName, row -> row, (a, b) -> a,
                                        LinkedHashMap::new)).values()))
                .collect().in(ArrayList<TestConfigStore.Row>::new, List::addAll)
                .map(found -> (List<TestConfigStore.Row>) found);
    }

    /**
     * The pull requests of the public tests under {@code org/repo/branch/test} (any leading part of it, at least
     * the owner): the §10.1 list of their owners, restricted to the published repositories, the branch and the
     * test when given, and to the tests made public.
     */
    public Uni<List<PullEntry>> pulls(String prefix) {
        String name = prefix.startsWith(GITHUB) ? prefix.substring(GITHUB.length()) : prefix;
        if (name.isEmpty()) {
            return Uni.createFrom().failure(ApiException.notFound(
                    "For /public/pulls/* you must append at least the owner's part of the path"));
        }
        List<String> parts = List.of(name.split("/", 4));
        String branch = parts.size() > 2 ? parts.get(2) : null;
        return configs.publicUnder("").map(all -> all.stream().filter(row -> isUnder(row, parts)).toList())
                .chain(rows -> Multi.createFrom().iterable(rows.stream().map(TestConfigStore.Row::owner).distinct().toList())
                        .onItem().transformToUniAndConcatenate(owner -> pulls.pulls(owner).map(entries -> entries.stream()
                                .map(entry -> visible(entry, rows.stream().filter(row -> row.owner().equals(owner)).toList()))
                                .filter(entry -> entry != null && (branch == null || branch.equals(entry.branch())))
                                .toList()))
                        .collect().in(ArrayList<PullEntry>::new, List::addAll))
                .map(entries -> entries.stream().sorted(Comparator.comparingInt(PullEntry::pullNumber).reversed()).toList());
    }

    /**
     * Whether the row is a public test of the owner, repository and test the path parts name (the branch part is
     * the pull request's, not the published one).
     */
    private static boolean isUnder(TestConfigStore.Row row, List<String> parts) {
        String repo = row.published().gitRepo();
        String path = repo.startsWith(GITHUB) ? repo.substring(GITHUB.length()) : repo;
        List<String> repoParts = List.of(path.split("/"));
        boolean sameRepository = repoParts.get(0).equalsIgnoreCase(parts.get(0))
                && (parts.size() < 2 || repoParts.size() > 1 && repoParts.get(1).equalsIgnoreCase(parts.get(1)));
        String[] publicParts = row.publicName().split("/", 4);
        return sameRepository && (parts.size() < 4 || publicParts.length == 4 && publicParts[3].equals(parts.get(3)));
    }

    /** The entry with only the tests the owner made public in its repository; null when none is. */
    private static PullEntry visible(PullEntry entry, List<TestConfigStore.Row> ownersRows) {
        List<String> names = entry.testNames().stream().filter(test -> ownersRows.stream().anyMatch(row ->
                row.testName().equals(test) && row.published().gitRepo().equals(entry.gitRepo()))).toList();
        return names.isEmpty() ? null
                : new PullEntry(entry.gitRepo(), entry.branch(), entry.gitCommit(), entry.pullNumber(), names);
    }

    private Uni<TestConfigStore.Row> row(String publicName) {
        return configs.publicNamed(publicName)
                .map(rows -> rows.isEmpty() ? null : rows.get(0))
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_TEST));
    }

    /** The test's points of the published repository (compared as stored: lower-cased, no trailing slash) and branch. */
    private Multi<StoredPoint> published(TestConfigStore.Row row) {
        RepoBranch published = row.published();
        return series.points(row.owner(), row.testName(), null, null).filter(published::holds);
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
