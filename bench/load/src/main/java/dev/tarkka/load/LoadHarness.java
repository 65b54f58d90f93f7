package dev.tarkka.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point: starts the packaged service (or uses one on loopback), registers users, measures an idle
 * liveness baseline, drives a bounded closed-loop mix of CI uploads and reads for a fixed time, and prints
 * the report. Exit code 0: clean run; 1: some answer was 500 or more, or a connection dropped or timed out;
 * 2: the run could not be done (bad options, service did not start, setup failed).
 */
public final class LoadHarness {

    /** Unrecorded liveness probes sent before the idle baseline (see {@link LivenessProber#warmUp}). */
    private static final int PROBE_WARMUP = 300;

    private final Options options;

    private LoadHarness(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        int code;
        try {
            code = new LoadHarness(options).run();
        } catch (Exception e) {
            System.err.println("load run aborted: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        ServiceProcess store = null;
        ServiceProcess service = null;
        try {
            URI url;
            Long pid;
            if (options.targetUrl() != null) {
                url = options.targetUrl();
                pid = options.servicePid();
                requireReady(url);
                log("using the running service at " + url);
            } else {
                log("starting " + options.projectDir().resolve("target/quarkus-app/quarkus-run.jar") + " with the image's "
                        + String.join(" ", ServiceProcess.imageJvmOptions(options.projectDir())) + " …");
                if (options.storeProcess()) {
                    store = ServiceProcess.startStore(options.projectDir(), options.keepFiles());
                    log("store process ready (pid " + store.pid() + ", log " + store.log()
                            + "); its CPU counts under other processes");
                }
                service = ServiceProcess.start(options.projectDir(), options.serviceJvmArgs(), options.keepFiles(),
                        store);
                url = service.baseUrl();
                pid = service.pid();
                log("service ready at " + url + " (pid " + pid + ", log " + service.log() + ")");
            }
            try (ProcessSampler sampler = new ProcessSampler(pid)) {
                return drive(url, sampler, service);
            }
        } finally {
            if (service != null) {
                log("stopping the service …");
                service.close();
            }
            if (store != null) {
                store.close();
            }
        }
    }

    private int drive(URI url, ProcessSampler sampler, ServiceProcess service) throws InterruptedException {
        List<Recording> phases = new ArrayList<>();
        Recording setup = record(phases, new Recording("setup"));
        ApiClient api = new ApiClient(url, setup, options.maxRequests() + 3L * options.users());

        String runId = Long.toString(System.currentTimeMillis(), 36);
        log("registering " + options.users() + " users …");
        List<UserSession> users = UserSession.registerAll(api, options.users(), runId);

        Recording probeWarmup = record(phases, new Recording("probe warm-up"));
        long probes = (options.idleBaseline().toMillis() + options.warmup().toMillis() + options.duration().toMillis())
                / LivenessProber.PERIOD_MILLIS + 1000 + PROBE_WARMUP;
        LivenessProber prober = new LivenessProber(new ApiClient(url, probeWarmup, probes));
        if (service != null) {
            service.beforeInterruptStop(api::abort);
            service.beforeInterruptStop(prober.client()::abort);
        }
        Recording idleLiveness = record(phases, new Recording("idle liveness"));
        Workload workload = new Workload(api, users, options.tests(), options.uploaderThreads(),
                options.readerThreads(), options.seed());
        Recording measured;
        Recording loadLiveness;
        double measuredSeconds;
        try {
            log("idle liveness baseline for " + options.idleBaseline().toSeconds() + " s …");
            prober.warmUp(PROBE_WARMUP);
            prober.switchTo(idleLiveness);
            prober.start();
            Thread.sleep(options.idleBaseline().toMillis());

            log("warm-up for " + options.warmup().toSeconds() + " s …");
            api.switchTo(record(phases, new Recording("warm-up")));
            prober.switchTo(record(phases, new Recording("warm-up liveness")));
            workload.start();
            runFor(workload, options.warmup(), service);

            log("measuring for " + options.duration().toSeconds() + " s …");
            measured = record(phases, new Recording("measured"));
            loadLiveness = record(phases, new Recording("load liveness"));
            api.switchTo(measured);
            prober.switchTo(loadLiveness);
            sampler.markStart();
            long started = System.nanoTime();
            runFor(workload, options.duration(), service);
            measuredSeconds = (System.nanoTime() - started) / 1e9;
            sampler.markEnd();

            // answers still in flight now belong to no measured phase, but a failure there still fails the run
            api.switchTo(record(phases, new Recording("drain")));
            prober.switchTo(record(phases, new Recording("drain liveness")));
        } finally {
            workload.stop();
            prober.stop();
        }
        if (api.aborted()) {
            log("interrupted: the report below is partial");
        } else if (!api.hasBudget()) {
            log("the request budget (--max-requests " + options.maxRequests() + ") ran out before the time did");
        }

        List<String> incidents = new ArrayList<>(api.incidents());
        incidents.addAll(prober.client().incidents());
        String serviceLog = service == null ? null
                : service.log() + " (" + service.errorLogLines() + " ERROR lines so far)";
        Report report = new Report(options, service == null ? url + " (external)" : url + " (started by the harness)",
                measuredSeconds, measured, idleLiveness, loadLiveness, phases, sampler, workload.pointsUploaded(),
                workload.testsWithData(), incidents, serviceLog);
        report.print(System.out); // before the service stops: its peak RSS is read from /proc now
        return report.failed() ? 1 : 0;
    }

    /**
     * Waits {@code length}, or less if every client has stopped (request budget spent) or the started
     * service has exited (its clients would only collect connection errors from then on).
     */
    private static void runFor(Workload workload, Duration length, ServiceProcess service)
            throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        while (workload.isRunning()) {
            Integer exitCode = service == null ? null : service.exitCode();
            if (exitCode != null) {
                log("the service exited during the run with code " + exitCode + "; see " + service.log());
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
        }
    }

    private static Recording record(List<Recording> phases, Recording recording) {
        phases.add(recording);
        return recording;
    }

    private static void requireReady(URI url) throws InterruptedException {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int status = client.send(HttpRequest.newBuilder(url.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException(url + "/q/health/ready answered " + status);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach " + url + ": " + e);
        }
    }

    private static void log(String message) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
    }
}
