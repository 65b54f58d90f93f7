package dev.tarkka.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates benchmark histories that look like what CI posts: one value per run, multiplicative noise, and the
 * oddities real results have. Only level shifts are change points; everything else is noise a detector must not
 * report. Each series comes from its own seed, so a series can be regenerated alone and the tuning and held-out
 * halves are fixed by their seeds.
 *
 * <p>Per series (probabilities are per series unless said otherwise):
 * <ul>
 *   <li>60–500 runs around a level between 0.05 and 50,000 (log-uniform: ms, ops/s, bytes …);</li>
 *   <li>relative noise 0.2–10 % (log-uniform), Gaussian (45 %), heavy-tailed Student t with 3 degrees of freedom
 *       (30 %) or skewed towards the slow side like latencies (25 %);</li>
 *   <li>single-run spikes (40 %: 0.5–3 % of runs, 20–150 % slower and at least 6 noise deviations), and a spike in
 *       the very last run (10 %);</li>
 *   <li>two machine states (20 %): 10–50 % of runs land on a machine 2–8 % faster or slower, at random;</li>
 *   <li>slow linear drift of 1–5 % over the whole series (20 %);</li>
 *   <li>quantized values (20 %), like latency percentiles reported in whole milliseconds: 8–100 steps per level;</li>
 *   <li>rare missing values (10 %: 1–3 % of runs, never the first);</li>
 *   <li>0–4 level shifts (35/25/20/10/10 %) of 1–50 % (log-uniform) up or down, at least 8 runs apart; after a shift,
 *       with probability 0.3, the next one is its fix 3–12 runs later (a regression and its revert); with
 *       probability 0.3 the last shift lies in the last 1–5 runs.</li>
 * </ul>
 */
final class CiHistoryGenerator {

    /** A level shift: from {@code index} on, the level is multiplied by {@code factor}. */
    record Shift(int index, double factor) {

        /** Otava's magnitude of the shift: max(|f − 1|, |1/f − 1|). */
        double magnitude() {
            return Math.max(Math.abs(factor - 1), Math.abs(1 / factor - 1));
        }
    }

    /** What a generated series is made of, for the breakdowns of the report. */
    record Traits(double noise, NoiseShape noiseShape, boolean spikes, boolean lastRunSpike, boolean bimodal,
                  boolean drift, boolean quantized, boolean missing) {
    }

    /**
     * A generated series with its recipe.
     *
     * @param seed   the seed it was generated from
     * @param series values and the true change points (the shift indexes)
     * @param shifts the level shifts, ascending
     */
    record GeneratedSeries(long seed, LabeledSeries series, List<Shift> shifts, Traits traits) {
    }

    enum NoiseShape { GAUSSIAN, HEAVY_TAILED, SKEWED }

    private static final int MIN_RUNS = 60;
    private static final int MAX_RUNS = 500;
    private static final int MIN_SHIFT_GAP = 8;
    private static final double[] SHIFT_COUNT_PROBABILITIES = {0.35, 0.25, 0.20, 0.10, 0.10};
    /** Mean and standard deviation of exp(0.8·Z), to centre and scale the skewed noise. */
    private static final double SKEW_MEAN = Math.exp(0.32);
    private static final double SKEW_SD = Math.sqrt((Math.exp(0.64) - 1) * Math.exp(0.64));

    private CiHistoryGenerator() {
    }

    static GeneratedSeries generate(long seed) {
        Random random = new Random(seed);
        int n = MIN_RUNS + random.nextInt(MAX_RUNS - MIN_RUNS + 1);
        double base = logUniform(random, 0.05, 50_000);
        boolean lowerIsBetter = random.nextBoolean();
        double slower = lowerIsBetter ? 1 : -1; // the sign of "slower" in value terms
        Traits traits = new Traits(
                logUniform(random, 0.002, 0.10),
                pickNoiseShape(random),
                random.nextDouble() < 0.4,
                random.nextDouble() < 0.1,
                random.nextDouble() < 0.2,
                random.nextDouble() < 0.2,
                random.nextDouble() < 0.2,
                random.nextDouble() < 0.1);
        List<Shift> shifts = shifts(random, n);

        double spikeRate = 0.005 + random.nextDouble() * 0.025;
        double machineShare = 0.1 + random.nextDouble() * 0.4;
        double machineOffset = (random.nextBoolean() ? 1 : -1) * (0.02 + random.nextDouble() * 0.06);
        double driftTotal = (random.nextBoolean() ? 1 : -1) * (0.01 + random.nextDouble() * 0.04);
        double resolution = base / logUniform(random, 8, 100);
        double missingRate = 0.01 + random.nextDouble() * 0.02;

        Double[] values = new Double[n];
        double level = base;
        int nextShift = 0;
        for (int i = 0; i < n; i++) {
            while (nextShift < shifts.size() && shifts.get(nextShift).index() == i) {
                level *= shifts.get(nextShift++).factor();
            }
            double value = level * (1 + traits.noise() * noise(random, traits.noiseShape(), slower));
            if (traits.drift()) {
                value *= 1 + driftTotal * i / (n - 1);
            }
            if (traits.bimodal() && random.nextDouble() < machineShare) {
                value *= 1 + machineOffset;
            }
            boolean spike = traits.spikes() && random.nextDouble() < spikeRate
                    || traits.lastRunSpike() && i == n - 1;
            if (spike) {
                double size = Math.max(0.2 + random.nextDouble() * 1.3, 6 * traits.noise());
                value = lowerIsBetter ? value * (1 + size) : value / (1 + size);
            }
            if (traits.quantized()) {
                value = Math.max(1, Math.round(value / resolution)) * resolution;
            }
            boolean missing = traits.missing() && i > 0 && random.nextDouble() < missingRate;
            values[i] = missing ? null : value;
        }
        int[] truth = shifts.stream().mapToInt(Shift::index).toArray();
        return new GeneratedSeries(seed, LabeledSeries.withTruth("generated-" + seed, values, truth), shifts, traits);
    }

    /** Noise with mean 0 and standard deviation 1; the skewed kind leans to the slow side. */
    private static double noise(Random random, NoiseShape shape, double slower) {
        double z = switch (shape) {
            case GAUSSIAN -> random.nextGaussian();
            case HEAVY_TAILED -> {
                double chiSquared = 0;
                for (int k = 0; k < 3; k++) {
                    double g = random.nextGaussian();
                    chiSquared += g * g;
                }
                // Student t(3) has variance 3.
                yield random.nextGaussian() / Math.sqrt(chiSquared / 3) / Math.sqrt(3);
            }
            case SKEWED -> slower * (Math.exp(0.8 * random.nextGaussian()) - SKEW_MEAN) / SKEW_SD;
        };
        // Keeps values positive: even 10 % noise never reaches a factor below 0.3.
        return Math.max(z, -7);
    }

    private static List<Shift> shifts(Random random, int n) {
        int count = pickShiftCount(random);
        List<Shift> shifts = new ArrayList<>();
        if (count == 0) {
            return shifts;
        }
        int[] positions = spreadPositions(random, n, count);
        boolean lastAtEnd = random.nextDouble() < 0.3;
        if (lastAtEnd) {
            int end = n - 1 - random.nextInt(5);
            if (count == 1 || end - positions[count - 2] >= MIN_SHIFT_GAP) {
                positions[count - 1] = end;
            }
        }
        boolean previousIsAFix = false;
        for (int k = 0; k < count; k++) {
            Shift previous = k == 0 ? null : shifts.get(k - 1);
            if (previous != null && !previousIsAFix && !(lastAtEnd && k == count - 1)
                    && random.nextDouble() < 0.3) {
                int fixAt = previous.index() + 3 + random.nextInt(10);
                int limit = k + 1 < count ? positions[k + 1] - 3 : n - 1;
                if (fixAt <= limit) {
                    shifts.add(new Shift(fixAt, 1 / previous.factor()));
                    previousIsAFix = true;
                    continue;
                }
            }
            previousIsAFix = false;
            double magnitude = logUniform(random, 0.01, 0.5);
            shifts.add(new Shift(positions[k], random.nextBoolean() ? 1 + magnitude : 1 / (1 + magnitude)));
        }
        return shifts;
    }

    /** {@code count} ascending positions in [10, n − 1], at least {@link #MIN_SHIFT_GAP} apart. */
    private static int[] spreadPositions(Random random, int n, int count) {
        while (true) {
            int[] positions = random.ints(count, 10, n).sorted().toArray();
            boolean spread = true;
            for (int k = 1; k < count; k++) {
                spread &= positions[k] - positions[k - 1] >= MIN_SHIFT_GAP;
            }
            if (spread) {
                return positions;
            }
        }
    }

    private static int pickShiftCount(Random random) {
        double u = random.nextDouble();
        for (int k = 0; k < SHIFT_COUNT_PROBABILITIES.length; k++) {
            u -= SHIFT_COUNT_PROBABILITIES[k];
            if (u < 0) {
                return k;
            }
        }
        return SHIFT_COUNT_PROBABILITIES.length - 1;
    }

    private static NoiseShape pickNoiseShape(Random random) {
        double u = random.nextDouble();
        return u < 0.45 ? NoiseShape.GAUSSIAN : u < 0.75 ? NoiseShape.HEAVY_TAILED : NoiseShape.SKEWED;
    }

    private static double logUniform(Random random, double low, double high) {
        return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }
}
