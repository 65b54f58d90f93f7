package dev.tarkka.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * What change detection adds to an upload: one point appended to a 10k-point series, with detection on
 * (the engine's incremental update) and with the test's metric disabled, alternating between the two so
 * both see the same machine. Prints p50/p99 of each and their ratio.
 *
 * <pre>java -cp bench/load/target/tarkka-load.jar dev.tarkka.load.AppendLatency [points] [appends]</pre>
 */
public final class AppendLatency {

    private final BenchClient client;

    private AppendLatency(BenchClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (ServiceProcess service = ServiceProcess.start(Path.of("").toAbsolutePath(), List.of(), false)) {
            new AppendLatency(new BenchClient(service.baseUrl()).signUp("append@example.com", "append-secret"))
                    .run(points, appends);
        }
    }

    private void run(int points, int appends) throws Exception {
        Random random = new Random(7);
        for (String test : List.of("append/detected", "append/disabled")) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 1; i <= points; i++) {
                body.append(i > 1 ? "," : "").append(point(i, (i < points / 2 ? 100 : 110) + random.nextGaussian()));
            }
            client.send("POST", "/api/v0/result/" + test, body.append(']').toString(), 200);
        }
        client.send("POST", "/api/v0/result/append/disabled/changes/disable", "[\"latency\"]", 200);

        long[] detected = new long[appends];
        long[] disabled = new long[appends];
        for (int i = 0; i < appends; i++) {
            String body = "[" + point(points + 1 + i, 110 + random.nextGaussian()) + "]";
            detected[i] = client.timedPost("/api/v0/result/append/detected", body);
            disabled[i] = client.timedPost("/api/v0/result/append/disabled", body);
        }
        double p50On = BenchClient.percentile(detected, 50);
        double p99On = BenchClient.percentile(detected, 99);
        double p50Off = BenchClient.percentile(disabled, 50);
        double p99Off = BenchClient.percentile(disabled, 99);
        System.out.printf("one point appended to a %d-point series, %d times each, alternating%n", points, appends);
        System.out.printf("| upload | p50 ms | p99 ms |%n|---|---:|---:|%n");
        System.out.printf("| detection on (incremental) | %.1f | %.1f |%n", p50On, p99On);
        System.out.printf("| detection disabled for the test | %.1f | %.1f |%n", p50Off, p99Off);
        System.out.printf("| ratio on / disabled | %.2f | %.2f |%n", p50On / p50Off, p99On / p99Off);
    }

    static String point(long timestamp, double value) {
        return "{\"timestamp\":" + timestamp + ",\"metrics\":[{\"name\":\"latency\",\"unit\":\"ms\",\"value\":" + value
                + "}],\"attributes\":{\"git_repo\":\"https://github.com/o/r\",\"branch\":\"main\",\"git_commit\":\"c"
                + timestamp + "\"}}";
    }
}
