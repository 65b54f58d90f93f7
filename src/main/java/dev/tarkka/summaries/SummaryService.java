package dev.tarkka.summaries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.tarkka.changes.AnalysisKeys;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.DisabledMetrics;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.error.ApiException;
import dev.tarkka.series.SeriesStamp;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Dashboard summaries and the per-commit view. Each test's {@link Leaf} is written by the write that changed
 * the test; a read checks every leaf it uses against the store (series stamp, options, disabled metrics) and
 * recomputes the ones that are not current, so no summary is ever stale and no background job is needed.
 * Prefix summaries are aggregated from current leaves on read.
 */
@ApplicationScoped
public class SummaryService {

    private static final Logger LOG = Logger.getLogger(SummaryService.class);

    private final SeriesStore series;
    private final SummaryStore store;
    private final ChangeService changes;
    private final UserConfigService configs;
    private final DisabledMetrics disabledMetrics;

    SummaryService(SeriesStore series, SummaryStore store, ChangeService changes, UserConfigService configs,
            DisabledMetrics disabledMetrics) {
        this.series = series;
        this.store = store;
        this.changes = changes;
        this.configs = configs;
        this.disabledMetrics = disabledMetrics;
    }

    /** Stores the summary of a freshly analysed test; best effort, a read repairs what this misses. */
    public Uni<Void> refresh(ObjectId owner, TestAnalysis analysis) {
        Uni<Void> write = analysis.series().isEmpty() ? store.deleteTest(owner, analysis.testName())
                : store.save(owner, Leaf.of(analysis));
        return write.onFailure().recoverWithItem(e -> {
            LOG.debugf("Summary of %s not stored: %s", analysis.testName(), e.getMessage());
            return null;
        });
    }

    public Uni<Void> forget(ObjectId owner, String testName) {
        return store.deleteTest(owner, testName);
    }

    public Uni<Void> forgetAll(ObjectId owner) {
        return store.deleteAll(owner);
    }

    /** {@code /result/{prefix}/summary}: one test, or every test under the prefix; null when there is none. */
    public Uni<Summary> summary(ObjectId owner, String prefix) {
        return leaves(owner, prefix, name -> isUnder(name, prefix)).map(leaves -> {
            if (leaves.isEmpty()) {
                return null;
            }
            Summary.Builder summary = new Summary.Builder();
            leaves.forEach(summary::add);
            return summary.build();
        });
    }

    /** {@code /result/summarySiblings}: every test and every prefix of the owner; empty when there is none. */
    public Uni<Map<String, Summary>> everything(ObjectId owner) {
        return leaves(owner, null, name -> true).map(leaves -> {
            Map<String, Summary.Builder> summaries = new TreeMap<>();
            for (Leaf leaf : leaves) {
                for (String key : keysOf(leaf.testName())) {
                    summaries.computeIfAbsent(key, k -> new Summary.Builder()).add(leaf);
                }
            }
            return build(summaries);
        });
    }

    /** {@code /result/{parent}/summarySiblings}: the direct children of a prefix, tests or prefixes. */
    public Uni<Map<String, Summary>> children(ObjectId owner, String parent) {
        String base = parent + "/";
        return leaves(owner, base, name -> name.startsWith(base)).map(leaves -> {
            Map<String, Summary.Builder> summaries = new TreeMap<>();
            for (Leaf leaf : leaves) {
                int next = leaf.testName().indexOf('/', base.length());
                String child = next < 0 ? leaf.testName() : leaf.testName().substring(0, next);
                summaries.computeIfAbsent(child, k -> new Summary.Builder()).add(leaf);
            }
            return build(summaries);
        });
    }

    /**
     * {@code /changes/perCommit/{prefix}}: the change points of the tests under a prefix, one entry per commit and
     * test, newest first.
     */
    public Uni<List<PerCommitEntry>> perCommit(ObjectId owner, String prefix, String commit) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return configs.detectionOptions(owner).chain(options -> leaves(owner, options, trimmed, name -> isUnder(name, trimmed))
                .map(leaves -> entriesOf(owner, options, leaves, commit)));
    }

    /**
     * Summaries of analyses that are not the owner's stored tests (a public test's points of one repository and
     * branch), each under the key given; never stored.
     */
    public Map<String, Summary> summariesOf(Map<String, TestAnalysis> analyses) {
        Map<String, Summary.Builder> summaries = new TreeMap<>();
        analyses.forEach((key, analysis) -> {
            if (!analysis.series().isEmpty()) {
                summaries.computeIfAbsent(key, k -> new Summary.Builder()).add(Leaf.of(analysis));
            }
        });
        return build(summaries);
    }

    /** {@link #perCommit} of analyses that are not the owner's stored tests; never stored. */
    public List<PerCommitEntry> perCommitOf(ObjectId owner, DetectionOptions options, List<TestAnalysis> analyses,
            String commit) {
        return entriesOf(owner, options, analyses.stream().map(Leaf::of).toList(), commit);
    }

    /** One entry per commit (all, or only {@code commit}) and test with change points there, newest first. */
    private static List<PerCommitEntry> entriesOf(ObjectId owner, DetectionOptions options, List<Leaf> leaves,
            String commit) {
        List<PerCommitEntry> entries = new ArrayList<>();
        for (Leaf leaf : leaves) {
            Map<String, List<LeafChange>> byCommit = new LinkedHashMap<>();
            for (LeafChange change : leaf.changes()) {
                if (commit == null || commit.equals(change.gitCommit())) {
                    byCommit.computeIfAbsent(change.gitCommit(), c -> new ArrayList<>()).add(change);
                }
            }
            byCommit.forEach((sha, changes) -> entries.add(PerCommitEntry.of(owner, options, leaf, sha, changes)));
        }
        entries.sort(Comparator.comparingLong((PerCommitEntry e) -> -e.time())
                .thenComparing(e -> e.id().gitCommit())
                .thenComparing(PerCommitEntry::testName));
        return entries;
    }

    /** Brings every summary of the owner up to date; answers how many tests it looked at. */
    public Uni<Integer> precompute(ObjectId owner) {
        return leaves(owner, null, name -> true).map(List::size);
    }

    private Uni<List<Leaf>> leaves(ObjectId owner, String namePrefix, Predicate<String> names) {
        return configs.detectionOptions(owner).chain(options -> leaves(owner, options, namePrefix, names));
    }

    /**
     * The current leaves of the owner's tests whose names match, in name order. {@code namePrefix} (null
     * for all) narrows what is read from the store; {@code names} decides.
     */
    private Uni<List<Leaf>> leaves(ObjectId owner, DetectionOptions options, String namePrefix,
            Predicate<String> names) {
        String optionsKey = AnalysisKeys.of(options);
        return Uni.combine().all()
                .unis(series.stamps(owner, namePrefix), store.leaves(owner, namePrefix), disabledMetrics.ofOwner(owner))
                .asTuple()
                .chain(input -> {
                    Map<String, SeriesStamp> stamps = input.getItem1();
                    Map<String, Leaf> stored = new LinkedHashMap<>();
                    input.getItem2().forEach(leaf -> stored.put(leaf.testName(), leaf));
                    Map<String, Set<String>> disabled = input.getItem3();
                    List<String> wanted = stamps.keySet().stream().filter(names).sorted().toList();
                    return Multi.createFrom().iterable(wanted).onItem().transformToUniAndConcatenate(name -> {
                        Leaf leaf = stored.get(name);
                        if (leaf != null && leaf.isCurrent(stamps.get(name), optionsKey, disabled.getOrDefault(name, Set.of()))) {
                            return Uni.createFrom().item(leaf);
                        }
                        return changes.analyse(owner, name, options).call(analysis -> refresh(owner, analysis))
                                .map(Leaf::of);
                    }).filter(leaf -> leaf.stamp().count() > 0).collect().asList();
                });
    }

    private static boolean isUnder(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + "/");
    }

    /** A test name and all its proper prefixes: {@code a/b/c} → a, a/b, a/b/c. */
    private static List<String> keysOf(String testName) {
        List<String> keys = new ArrayList<>();
        for (int slash = testName.indexOf('/'); slash >= 0; slash = testName.indexOf('/', slash + 1)) {
            if (slash > 0) {
                keys.add(testName.substring(0, slash));
            }
        }
        keys.add(testName);
        return keys;
    }

    private static Map<String, Summary> build(Map<String, Summary.Builder> builders) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        builders.forEach((key, builder) -> summaries.put(key, builder.build()));
        return summaries;
    }
}
