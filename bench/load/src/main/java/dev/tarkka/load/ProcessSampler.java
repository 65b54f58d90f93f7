package dev.tarkka.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the service process once a second from /proc: resident memory (VmRSS, and the kernel's own peak
 * VmHWM) and CPU time, plus the CPU of this harness and of the whole machine: on a small machine the client
 * competes with the service for the same cores, and the report has to say how much. Linux only; elsewhere every figure stays unknown.
 * CPU is measured between {@link #markStart()} and {@link #markEnd()} so the idle and warm-up phases do not
 * dilute the load figures.
 */
final class ProcessSampler implements AutoCloseable {

    /** USER_HZ: the unit of /proc CPU times, 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Long pid;
    private final ScheduledExecutorService timer;
    private volatile long maxRssKb = -1;
    private CpuMark start;
    private CpuMark end;

    ProcessSampler(Long pid) {
        this.pid = pid;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tarkka-load-sampler");
            thread.setDaemon(true);
            return thread;
        });
        if (pid != null) {
            timer.scheduleAtFixedRate(this::sampleMemory, 0, 1, TimeUnit.SECONDS);
        }
    }

    synchronized void markStart() {
        start = CpuMark.now(pid);
    }

    synchronized void markEnd() {
        end = CpuMark.now(pid);
    }

    /** Peak resident set in KiB: the kernel's high-water mark, or the largest sample; -1 if unknown. */
    long peakRssKb() {
        return Math.max(maxRssKb, statusField("VmHWM:"));
    }

    /** Largest VmRSS seen by the once-a-second samples; -1 if unknown. */
    long maxSampledRssKb() {
        return maxRssKb;
    }

    /** Cores the service kept busy on average during the measured phase; NaN if unknown. */
    synchronized double serviceCores() {
        if (start == null || end == null || start.processTicks < 0 || end.processTicks < 0) {
            return Double.NaN;
        }
        double seconds = (end.nanoTime - start.nanoTime) / 1e9;
        return (end.processTicks - start.processTicks) / TICKS_PER_SECOND / seconds;
    }

    /** Cores this harness (the load client) kept busy on average during the measured phase; NaN if unknown. */
    synchronized double clientCores() {
        if (start == null || end == null || start.clientTicks < 0 || end.clientTicks < 0) {
            return Double.NaN;
        }
        double seconds = (end.nanoTime - start.nanoTime) / 1e9;
        return (end.clientTicks - start.clientTicks) / TICKS_PER_SECOND / seconds;
    }

    /** Share of all the machine's cores that were busy (any process) during the measured phase; NaN if unknown. */
    synchronized double machineBusy() {
        if (start == null || end == null || start.machineTotal < 0 || end.machineTotal < 0) {
            return Double.NaN;
        }
        long total = end.machineTotal - start.machineTotal;
        long idle = end.machineIdle - start.machineIdle;
        return total == 0 ? Double.NaN : 1.0 - (double) idle / total;
    }

    private void sampleMemory() {
        long rss = statusField("VmRSS:");
        if (rss > maxRssKb) {
            maxRssKb = rss;
        }
    }

    private long statusField(String field) {
        if (pid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or this is not Linux
        }
        return -1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** CPU counters at one instant. */
    private record CpuMark(long nanoTime, long processTicks, long clientTicks, long machineTotal, long machineIdle) {

        static CpuMark now(Long pid) {
            long[] machine = machineTicks();
            return new CpuMark(System.nanoTime(), processTicks(pid), processTicks(ProcessHandle.current().pid()),
                    machine[0], machine[1]);
        }

        /** utime + stime of the process (fields 14 and 15 of /proc/PID/stat). */
        private static long processTicks(Long pid) {
            if (pid == null) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                // the command name (field 2) may hold spaces: count fields after its closing parenthesis
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** {total, idle + iowait} ticks of all cores from the first line of /proc/stat. */
        private static long[] machineTicks() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                String[] fields = lines.get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) { // user..steal; guest is already in user
                    total += Long.parseLong(fields[i]);
                }
                return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
            } catch (IOException | RuntimeException e) {
                return new long[] {-1, -1};
            }
        }
    }
}
