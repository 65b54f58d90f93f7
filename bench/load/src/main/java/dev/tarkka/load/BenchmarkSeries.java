package dev.tarkka.load;

import java.util.Locale;
import java.util.Random;

/**
 * One benchmark test as a CI pipeline would feed it: a point per run, timestamps strictly increasing, a
 * fixed set of 1–20 metrics whose values are noisy around a level that now and then steps up or down, so
 * the service has real change points to find. Only its owning uploader thread calls {@link #nextPoint()};
 * readers only look at {@link #uploaded()}.
 */
final class BenchmarkSeries {

    private static final long FIRST_TIMESTAMP = 1_700_000_000L;
    /** Chance per point that a metric's level steps: a change every ~40 runs, as in a busy repository. */
    private static final double STEP_PROBABILITY = 0.025;
    private static final double NOISE = 0.02;

    private final int index;
    private final int owner;
    private final String org;
    private final String repo;
    private final String name;
    private final Random random;
    private final double[] levels;
    private long timestamp;
    private volatile int uploaded;

    BenchmarkSeries(int index, int owner, long seed) {
        this.index = index;
        this.owner = owner;
        this.org = "org-" + owner;
        this.repo = "repo-" + (index % 10);
        this.name = org + "/" + repo + "/main/bench-" + index;
        this.random = new Random(seed * 1_000_003L + index);
        this.levels = new double[1 + random.nextInt(20)];
        for (int m = 0; m < levels.length; m++) {
            levels[m] = 10 + random.nextDouble() * 990;
        }
        this.timestamp = FIRST_TIMESTAMP + random.nextInt(86_400);
    }

    int index() {
        return index;
    }

    int owner() {
        return owner;
    }

    /** The test name: org/repo/branch/bench, as Nyrkio's GitHub Action builds it. */
    String name() {
        return name;
    }

    /** A prefix of the name one to three levels deep, for the summary endpoints. */
    String prefix(int depth) {
        return switch (depth) {
            case 1 -> org;
            case 2 -> org + "/" + repo;
            case 3 -> org + "/" + repo + "/main";
            default -> name;
        };
    }

    int metricCount() {
        return levels.length;
    }

    /** Points the service has accepted so far (readers skip tests with none). */
    int uploaded() {
        return uploaded;
    }

    void markUploaded() {
        uploaded++; // single writer: the owning uploader thread
    }

    /** The JSON body of the next upload: an array holding one new point. */
    String nextPoint() {
        timestamp += 600 + random.nextInt(3000);
        StringBuilder json = new StringBuilder(64 + levels.length * 60);
        json.append("[{\"timestamp\":").append(timestamp).append(",\"metrics\":[");
        for (int m = 0; m < levels.length; m++) {
            if (random.nextDouble() < STEP_PROBABILITY) {
                levels[m] *= random.nextBoolean() ? 1.1 + random.nextDouble() * 0.4 : 0.6 + random.nextDouble() * 0.3;
            }
            double value = levels[m] * (1 + NOISE * random.nextGaussian());
            if (m > 0) {
                json.append(',');
            }
            json.append("{\"name\":\"m").append(m + 1).append("\",\"unit\":\"ms\",\"value\":")
                    .append(String.format(Locale.ROOT, "%.4f", value)).append('}');
        }
        json.append("],\"attributes\":{\"git_repo\":\"https://github.com/").append(org).append('/').append(repo)
                .append("\",\"branch\":\"main\",\"git_commit\":\"").append(commit()).append("\"}}]");
        return json.toString();
    }

    private String commit() {
        return String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
    }
}
