package dev.tarkka.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the run measured, printed twice: an aligned text report for the terminal and the same figures
 * as Markdown tables to paste into a README.
 */
final class Report {

    /** Rows of the endpoint table, in the order a reader expects: writes, reads, then the probe. */
    private static final List<Endpoint> LOAD_ENDPOINTS = List.of(Endpoint.UPLOAD, Endpoint.CHANGES, Endpoint.SERIES,
            Endpoint.RESULTS, Endpoint.SUMMARY, Endpoint.SUMMARY_SIBLINGS, Endpoint.SUMMARY_CHILDREN);

    private final Options options;
    private final String target;
    private final double measuredSeconds;
    private final Recording measured;
    private final Recording idleLiveness;
    private final Recording loadLiveness;
    private final List<Recording> allPhases;
    private final ProcessSampler sampler;
    private final long pointsUploaded;
    private final long testsWithData;
    private final List<String> incidents;
    private final String serviceLog;

    /**
     * @param allPhases every recording of the run, in order, measured or not: all of them count for
     *                  {@link #failed()}
     */
    Report(Options options, String target, double measuredSeconds, Recording measured, Recording idleLiveness,
            Recording loadLiveness, List<Recording> allPhases, ProcessSampler sampler, long pointsUploaded,
            long testsWithData, List<String> incidents, String serviceLog) {
        this.options = options;
        this.target = target;
        this.measuredSeconds = Math.max(measuredSeconds, 1e-3); // an interrupted run may have measured nothing
        this.measured = measured;
        this.idleLiveness = idleLiveness;
        this.loadLiveness = loadLiveness;
        this.allPhases = List.copyOf(allPhases);
        this.sampler = sampler;
        this.pointsUploaded = pointsUploaded;
        this.testsWithData = testsWithData;
        this.incidents = incidents;
        this.serviceLog = serviceLog;
    }

    /** The run fails on any answer of 500 or more, or any exchange without an answer, in any phase. */
    boolean failed() {
        return allPhases().stream().anyMatch(Recording::hasFailures);
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== Tarkka load report ===");
        out.printf(Locale.ROOT, "target            %s%n", target);
        out.printf(Locale.ROOT, "clients           %d uploaders + %d readers (closed loop), %d users, %d tests, seed %d%n",
                options.uploaderThreads(), options.readerThreads(), options.users(), options.tests(), options.seed());
        out.printf(Locale.ROOT, "phases            idle %d s, warm-up %d s, measured %.1f s%n",
                options.idleBaseline().toSeconds(), options.warmup().toSeconds(), measuredSeconds);
        long requests = loadRequests();
        out.printf(Locale.ROOT, "throughput        %d requests, %.1f req/s (liveness probes not counted)%n",
                requests, requests / measuredSeconds);
        out.printf(Locale.ROOT, "req/s per 10 s    %s%n", measured.throughputTimeline(10, measuredSeconds).stream()
                .map(rate -> fixed(rate, 0)).collect(Collectors.joining(" ")));
        out.printf(Locale.ROOT, "data              %d points accepted in %d of %d tests (warm-up included)%n",
                pointsUploaded, testsWithData, options.tests());
        out.println();
        out.printf(Locale.ROOT, "%-38s %8s %8s %8s %8s %8s %9s %5s %5s  %s%n", "endpoint (measured phase)", "requests",
                "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "drop", "t/o", "status codes");
        for (Endpoint endpoint : LOAD_ENDPOINTS) {
            LatencyRecorder r = measured.of(endpoint);
            out.printf(Locale.ROOT, "%-38s %8d %8.1f %8s %8s %8s %9s %5d %5d  %s%n", endpoint.label(), r.attempts(),
                    r.attempts() / measuredSeconds, ms(r.percentileMillis(0.50)), ms(r.percentileMillis(0.95)),
                    ms(r.percentileMillis(0.99)), ms(r.maxMillis()), r.dropped(), r.timeouts(), statuses(r));
        }
        out.println();
        LatencyRecorder idle = idleLiveness.of(Endpoint.LIVENESS);
        LatencyRecorder busy = loadLiveness.of(Endpoint.LIVENESS);
        out.printf(Locale.ROOT, "liveness idle     p50 %s ms, p99 %s ms, max %s ms (%d probes)%n",
                ms(idle.percentileMillis(0.5)), ms(idle.percentileMillis(0.99)), ms(idle.maxMillis()), idle.attempts());
        out.printf(Locale.ROOT, "liveness loaded   p50 %s ms, p99 %s ms, max %s ms (%d probes, %s)%n",
                ms(busy.percentileMillis(0.5)), ms(busy.percentileMillis(0.99)), ms(busy.maxMillis()), busy.attempts(),
                statuses(busy));
        out.printf(Locale.ROOT, "liveness ratio    p50 x%s, p99 x%s (loaded / idle)%n", ratio(busy, idle, 0.5),
                ratio(busy, idle, 0.99));
        out.println();
        out.printf(Locale.ROOT, "service memory    peak RSS %s (VmHWM), largest 1 s sample %s%n",
                mib(sampler.peakRssKb()), mib(sampler.maxSampledRssKb()));
        out.printf(Locale.ROOT, "CPU (measured)    service %s cores, load client %s cores, other processes %s cores;"
                + " machine %s busy (%d cores)%n", fixed(sampler.serviceCores(), 2), fixed(sampler.clientCores(), 2),
                fixed(otherCores(), 2), percent(sampler.machineBusy()), Runtime.getRuntime().availableProcessors());
        if (otherCores() > 0.25) {
            out.println("                  note: other processes used the machine during the run; latencies are pessimistic");
        }
        out.println();
        out.println("failures by phase (>=500 / dropped / timed out):");
        for (Recording phase : allPhases()) {
            out.printf(Locale.ROOT, "  %-16s %6d requests  %d / %d / %d%n", phase.phase(), phase.attempts(),
                    phase.serverErrors(), phase.dropped(), phase.timeouts());
        }
        if (!incidents.isEmpty()) {
            out.println("first incidents:");
            incidents.forEach(line -> out.println("  " + line));
        }
        if (serviceLog != null) {
            out.println("service log: " + serviceLog);
        }
        out.println(failed() ? "RESULT: FAIL (5xx answers or exchanges without an answer; exit code 1)" : "RESULT: OK");
        out.println();
        out.println("--- Markdown ---");
        out.println();
        printMarkdown(out);
    }

    private void printMarkdown(PrintStream out) {
        out.printf(Locale.ROOT, "%d uploaders + %d readers, %d users, %d tests, %.0f s measured after %d s warm-up, %d cores.%n%n",
                options.uploaderThreads(), options.readerThreads(), options.users(), options.tests(), measuredSeconds,
                options.warmup().toSeconds(), Runtime.getRuntime().availableProcessors());
        out.println("| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | status codes |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (Endpoint endpoint : LOAD_ENDPOINTS) {
            LatencyRecorder r = measured.of(endpoint);
            out.printf(Locale.ROOT, "| `%s` | %d | %.1f | %s | %s | %s | %s | %s |%n", endpoint.label(), r.attempts(),
                    r.attempts() / measuredSeconds, ms(r.percentileMillis(0.50)), ms(r.percentileMillis(0.95)),
                    ms(r.percentileMillis(0.99)), ms(r.maxMillis()), failuresToo(r));
        }
        long requests = loadRequests();
        out.printf(Locale.ROOT, "| **all** | %d | %.1f | | | | | |%n%n", requests, requests / measuredSeconds);

        LatencyRecorder idle = idleLiveness.of(Endpoint.LIVENESS);
        LatencyRecorder busy = loadLiveness.of(Endpoint.LIVENESS);
        out.println("| figure | value |");
        out.println("|---|---|");
        out.printf(Locale.ROOT, "| liveness p50 / p99, idle | %s / %s ms |%n", ms(idle.percentileMillis(0.5)),
                ms(idle.percentileMillis(0.99)));
        out.printf(Locale.ROOT, "| liveness p50 / p99, under load | %s / %s ms (x%s / x%s) |%n",
                ms(busy.percentileMillis(0.5)), ms(busy.percentileMillis(0.99)), ratio(busy, idle, 0.5),
                ratio(busy, idle, 0.99));
        out.printf(Locale.ROOT, "| service peak RSS | %s |%n", mib(sampler.peakRssKb()));
        out.printf(Locale.ROOT, "| CPU: service, load client, other processes (machine busy) | %s, %s, %s cores (%s) |%n",
                fixed(sampler.serviceCores(), 2), fixed(sampler.clientCores(), 2), fixed(otherCores(), 2),
                percent(sampler.machineBusy()));
        out.printf(Locale.ROOT, "| responses >= 500, dropped, timed out (all phases) | %d, %d, %d |%n",
                allPhases().stream().mapToLong(Recording::serverErrors).sum(),
                allPhases().stream().mapToLong(Recording::dropped).sum(),
                allPhases().stream().mapToLong(Recording::timeouts).sum());
    }

    /** Cores busy with anything but the service and this harness: another build on the machine skews the figures. */
    private double otherCores() {
        double machineCores = sampler.machineBusy() * Runtime.getRuntime().availableProcessors();
        return Math.max(0, machineCores - sampler.serviceCores() - sampler.clientCores());
    }

    private long loadRequests() {
        return LOAD_ENDPOINTS.stream().mapToLong(e -> measured.of(e).attempts()).sum();
    }

    private List<Recording> allPhases() {
        return allPhases;
    }

    private static String statuses(LatencyRecorder recorder) {
        Map<Integer, Long> counts = recorder.statuses();
        return counts.isEmpty() ? "-" : counts.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String failuresToo(LatencyRecorder recorder) {
        String text = statuses(recorder);
        if (recorder.dropped() > 0) {
            text += " dropped:" + recorder.dropped();
        }
        if (recorder.timeouts() > 0) {
            text += " timeout:" + recorder.timeouts();
        }
        return text;
    }

    private static String ratio(LatencyRecorder loaded, LatencyRecorder idle, double q) {
        return fixed(loaded.percentileMillis(q) / idle.percentileMillis(q), 1);
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis < 10 ? fixed(millis, 2) : millis < 100 ? fixed(millis, 1) : fixed(millis, 0);
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-"
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
