package dev.tarkka.bench;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.Analysis;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.DetectionOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** A full analysis (with the state an update needs) of the long_* reference series, Nyrkiö's parameters. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FullAnalysisBenchmark {

    @Param({"long_1k", "long_10k", "long_50k"})
    public String series;

    @Param({"otava", "hunter", "tarkka"})
    public String algorithm;

    private double[] values;
    private DetectionOptions options;

    @Setup
    public void load() {
        values = ReferenceSeries.load(series);
        options = DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.fromWireName(algorithm));
    }

    @Benchmark
    public Analysis fullAnalysis() {
        return ChangePointDetector.analyzeWithState(values, options);
    }
}
