package dev.tarkka.accuracy;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.DetectionOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * Prints the accuracy tables of every detector: generated CI histories (Otava's grid search on the tuning half,
 * every score on the held-out half), the project's reference inputs and, given its path, TCPD.
 *
 * <pre>
 * java -jar bench/accuracy/target/accuracy.jar [--tcpd DIR] [--series N] [--first-seed S] [--threads T] [--tuning-only]
 * </pre>
 */
public final class AccuracyBenchmark {

    /** The options a user gets from the service by choosing an algorithm and nothing else. */
    private static final DetectionOptions SERVICE_DEFAULTS = DetectionOptions.NYRKIO_DEFAULTS;

    private static final String OTAVA_DEFAULTS = "otava, Nyrkiö defaults";
    private static final String OTAVA_TUNED = "otava, best of grid";
    private static final String PRESET = "tarkka preset";

    private final Options options;
    private final Evaluation evaluation;
    private final Table table = new Table();

    private AccuracyBenchmark(Options options, ForkJoinPool pool) {
        this.options = options;
        this.evaluation = new Evaluation(pool);
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            new AccuracyBenchmark(options, pool).run();
        } finally {
            pool.shutdown();
        }
    }

    private void run() {
        long start = System.nanoTime();
        List<CiHistoryGenerator.GeneratedSeries> tuning = generate(0, options.series() / 2);
        List<CiHistoryGenerator.GeneratedSeries> heldOut = generate(options.series() / 2, options.series());
        System.out.printf("Generated CI histories: %d tuning (seeds %d-%d), %d held out (seeds %d-%d)%n%n",
                tuning.size(), tuning.get(0).seed(), tuning.get(tuning.size() - 1).seed(),
                heldOut.size(), heldOut.get(0).seed(), heldOut.get(heldOut.size() - 1).seed());

        OtavaGrid.Result grid = OtavaGrid.search(labeled(tuning), evaluation);
        printGrid(grid);
        List<Detector> detectors = List.of(
                Detector.zero(),
                Detector.engine(OTAVA_DEFAULTS, SERVICE_DEFAULTS),
                Detector.engine(OTAVA_TUNED, grid.best()),
                Detector.engine("hunter, Nyrkiö defaults", SERVICE_DEFAULTS.withAlgorithm(Algorithm.HUNTER)),
                Detector.engine(PRESET, SERVICE_DEFAULTS.withAlgorithm(Algorithm.TARKKA)));

        printGenerated("Tuning half", tuning, detectors);
        if (options.tuningOnly()) {
            printTraits("Tuning half", tuning, detectors);
            printReferenceInputs(detectors);
        } else {
            Map<String, GeneratedRow> heldOutRows = printGenerated("Held-out half", heldOut, detectors);
            printTraits("Held-out half", heldOut, detectors);
            Map<String, Evaluation.Scores> tcpdRows = options.tcpd() == null ? Map.of()
                    : printScores("TCPD, univariate series (" + options.tcpd() + ")",
                    TcpdDatasets.univariate(options.tcpd()), detectors);
            printReferenceInputs(detectors);
            printAcceptance(heldOutRows, tcpdRows);
        }
        System.out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);
    }

    /** The project's own inputs: no held-out data, so the tuning-only run prints them too. */
    private void printReferenceInputs(List<Detector> detectors) {
        printScores("Reference inputs (src/test/resources/otava-cases/synthetic, truth from their descriptions)",
                ReferenceInputs.synthetic(), detectors);
        printTigerBeetle(detectors);
    }

    private List<CiHistoryGenerator.GeneratedSeries> generate(int from, int to) {
        return LongStream.range(from, to).map(k -> options.firstSeed() + k)
                .mapToObj(CiHistoryGenerator::generate).toList();
    }

    private static List<LabeledSeries> labeled(List<CiHistoryGenerator.GeneratedSeries> generated) {
        return generated.stream().map(CiHistoryGenerator.GeneratedSeries::series).toList();
    }

    private void printGrid(OtavaGrid.Result grid) {
        System.out.printf("Otava grid search on the tuning half (%d parameter sets, by mean F1 at margin 5), best:%n%n",
                grid.ranked().size());
        table.header("window", "max_pvalue", "min_magnitude", "F1@5", "FA/1k no-change");
        grid.ranked().stream().limit(5).forEach(entry -> table.row(
                String.valueOf(entry.options().windowLen()), String.valueOf(entry.options().maxPvalue()),
                String.valueOf(entry.options().minMagnitude()), Table.number(entry.scores().f1AtFive()),
                Table.number(entry.scores().falseAlarmsPerThousand())));
        System.out.println();
    }

    /** One detector's results on a generated half. */
    private record GeneratedRow(Evaluation.Scores scores, long lastRunSpikeAlarms, DetectionDelay.Result delay) {
    }

    private Map<String, GeneratedRow> printGenerated(String title, List<CiHistoryGenerator.GeneratedSeries> generated,
                                                     List<Detector> detectors) {
        Map<String, GeneratedRow> rows = new LinkedHashMap<>();
        List<LabeledSeries> series = labeled(generated);
        List<DetectionDelay.Case> delayCases = DetectionDelay.cases(generated);
        List<CiHistoryGenerator.GeneratedSeries> lastRunSpikes = generated.stream()
                .filter(AccuracyBenchmark::onlyOddityAtTheEndIsASpike).toList();
        System.out.printf("%s: %d series, %d without change (%d points), %d with a spike in the last run, "
                        + "%d shifts watched for the delay%n%n", title, series.size(),
                series.stream().filter(LabeledSeries::hasNoChange).count(),
                series.stream().filter(LabeledSeries::hasNoChange).mapToInt(LabeledSeries::length).sum(),
                lastRunSpikes.size(), delayCases.size());
        table.header("detector", "settings", "F1@5", "F1@1", "precision", "recall", "FA/1k no-change",
                "alarms/1k runs replayed", "last-run spike alarms", "reported within 5 runs",
                "shifts >= 3 noise sd within 5", "median delay");
        for (Detector detector : detectors) {
            Evaluation.Scores scores = evaluation.score(detector, series);
            DetectionDelay.Result delay = DetectionDelay.measure(detector, delayCases, evaluation);
            DetectionDelay.Result clearDelay = DetectionDelay.measure(detector,
                    delayCases.stream().filter(c -> c.magnitude() >= 3 * c.noise()).toList(), evaluation);
            long spikeAlarms = evaluation.map(lastRunSpikes, g -> alarmsAtTheEnd(detector, g)).stream()
                    .filter(alarm -> alarm).count();
            table.row(detector.name(), detector.settings(), Table.number(scores.f1AtFive()),
                    Table.number(scores.f1AtOne()), Table.number(scores.precision()), Table.number(scores.recall()),
                    Table.number(scores.falseAlarmsPerThousand()),
                    Table.number(ReplayedAlarms.perThousandRuns(detector, series, evaluation)),
                    spikeAlarms + " / " + lastRunSpikes.size(),
                    Table.percent(delay.reportedWithin(5)), Table.percent(clearDelay.reportedWithin(5)),
                    Table.delay(delay.median()));
            rows.put(detector.name(), new GeneratedRow(scores, spikeAlarms, delay));
        }
        System.out.println();
        return rows;
    }

    /** A spike in the last run and no shift in the last 10 runs. */
    private static boolean onlyOddityAtTheEndIsASpike(CiHistoryGenerator.GeneratedSeries g) {
        int n = g.series().length();
        return g.traits().lastRunSpike() && g.shifts().stream().allMatch(s -> s.index() < n - 10);
    }

    private static boolean alarmsAtTheEnd(Detector detector, CiHistoryGenerator.GeneratedSeries g) {
        int n = g.series().length();
        for (int cp : detector.detect(g.series().filled())) {
            if (cp >= n - 5) {
                return true;
            }
        }
        return false;
    }

    private void printTraits(String title, List<CiHistoryGenerator.GeneratedSeries> half, List<Detector> detectors) {
        Map<String, Predicate<CiHistoryGenerator.GeneratedSeries>> groups = TraitGroups.all();
        List<LabeledSeries> series = labeled(half);
        List<List<int[]>> predictions = detectors.stream().map(d -> evaluation.predict(d, series)).toList();
        System.out.println(title + " by trait: mean F1 at margin 5 (a series can have several traits)");
        System.out.println();
        List<String> header = new ArrayList<>(List.of("series with", "count"));
        detectors.forEach(d -> header.add(d.name()));
        table.header(header.toArray(String[]::new));
        groups.forEach((name, predicate) -> {
            List<Integer> members = new ArrayList<>();
            for (int k = 0; k < half.size(); k++) {
                if (predicate.test(half.get(k))) {
                    members.add(k);
                }
            }
            List<String> row = new ArrayList<>(List.of(name, String.valueOf(members.size())));
            for (List<int[]> detectorPredictions : predictions) {
                Evaluation.Scores scores = Evaluation.score(members.stream().map(series::get).toList(),
                        members.stream().map(detectorPredictions::get).toList());
                row.add(Table.number(scores.f1AtFive()));
            }
            table.row(row.toArray(String[]::new));
        });
        System.out.println();
    }

    private Map<String, Evaluation.Scores> printScores(String title, List<LabeledSeries> series,
                                                       List<Detector> detectors) {
        Map<String, Evaluation.Scores> rows = new LinkedHashMap<>();
        System.out.printf("%s: %d series, %d points%n%n", title, series.size(),
                series.stream().mapToInt(LabeledSeries::length).sum());
        table.header("detector", "F1@5", "F1@1", "precision", "recall", "FA/1k no-change");
        for (Detector detector : detectors) {
            Evaluation.Scores scores = evaluation.score(detector, series);
            table.row(detector.name(), Table.number(scores.f1AtFive()), Table.number(scores.f1AtOne()),
                    Table.number(scores.precision()), Table.number(scores.recall()),
                    Table.number(scores.falseAlarmsPerThousand()));
            rows.put(detector.name(), scores);
        }
        System.out.println();
        return rows;
    }

    private void printTigerBeetle(List<Detector> detectors) {
        Map<String, Double[]> metrics = ReferenceInputs.tigerBeetle();
        System.out.println("TigerBeetle history (365 runs per metric, no ground truth): change points reported");
        System.out.println();
        List<String> header = new ArrayList<>(List.of("detector"));
        header.addAll(metrics.keySet());
        table.header(header.toArray(String[]::new));
        for (Detector detector : detectors) {
            List<String> row = new ArrayList<>(List.of(detector.name()));
            metrics.values().forEach(values -> row.add(String.valueOf(
                    detector.detect(LabeledSeries.withTruth("tigerbeetle", values).filled()).length)));
            table.row(row.toArray(String[]::new));
        }
        System.out.println();
    }

    /** Issue 16's acceptance targets, measured on the held-out half and TCPD. */
    private void printAcceptance(Map<String, GeneratedRow> heldOut, Map<String, Evaluation.Scores> tcpd) {
        GeneratedRow preset = heldOut.get(PRESET);
        double f1 = preset.scores().f1AtFive();
        double tuned = heldOut.get(OTAVA_TUNED).scores().f1AtFive();
        double nyrkio = heldOut.get(OTAVA_DEFAULTS).scores().f1AtFive();
        System.out.println("Acceptance (held-out half unless said otherwise)");
        System.out.println();
        table.header("target", "measured", "met");
        check(String.format(Locale.ROOT, "F1@5 >= best of grid + 0.02 (%.3f)", tuned + 0.02),
                Table.number(f1), f1 >= tuned + 0.02);
        check(String.format(Locale.ROOT, "F1@5 >= Otava at Nyrkiö defaults + 0.10 (%.3f)", nyrkio + 0.10),
                Table.number(f1), f1 >= nyrkio + 0.10);
        double alarms = preset.scores().falseAlarmsPerThousand();
        check("false alarms on series without change <= 0.15 per 1,000 points", Table.number(alarms),
                alarms <= 0.15);
        check("a spike in the last run raises no change point", preset.lastRunSpikeAlarms() + " alarms",
                preset.lastRunSpikeAlarms() == 0);
        double withinFive = preset.delay().reportedWithin(5);
        check("shifts reported within 5 runs >= 75 %", Table.percent(withinFive), withinFive >= 0.75);
        if (tcpd.containsKey(PRESET)) {
            double tcpdF1 = tcpd.get(PRESET).f1AtFive();
            check("TCPD univariate F1@5 > 0.70", Table.number(tcpdF1), tcpdF1 > 0.70);
        }
        System.out.println();
    }

    private void check(String target, String measured, boolean met) {
        table.row(target, measured, met ? "yes" : "**no**");
    }

    /** The command line. */
    record Options(Path tcpd, int series, long firstSeed, int threads, boolean tuningOnly) {

        static Options parse(String[] args) {
            Path tcpd = null;
            int series = 4000;
            long firstSeed = 1;
            int threads = 1;
            boolean tuningOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--tcpd" -> tcpd = Path.of(args[++i]);
                    case "--series" -> series = Integer.parseInt(args[++i]);
                    case "--first-seed" -> firstSeed = Long.parseLong(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--tuning-only" -> tuningOnly = true;
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use [--tcpd DIR] [--series N] [--first-seed S] [--threads T] [--tuning-only]");
                }
            }
            if (series < 4 || threads < 1) {
                throw new IllegalArgumentException("--series needs at least 4 and --threads at least 1");
            }
            return new Options(tcpd, series, firstSeed, threads, tuningOnly);
        }
    }

    /** Comparator used by the grid: higher F1 first, then fewer false alarms. */
    static final Comparator<Evaluation.Scores> BETTER_FIRST = Comparator
            .comparingDouble(Evaluation.Scores::f1AtFive).reversed()
            .thenComparingDouble(Evaluation.Scores::falseAlarmsPerThousand);
}
