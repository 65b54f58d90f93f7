package dev.tarkka.bench;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.Analysis;
import dev.tarkka.detection.AnalysisState;
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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Appending one point to the 10k reference series: {@link ChangePointDetector#update} from the state of the
 * first 9,999 points. Compare with {@code FullAnalysisBenchmark} at {@code long_10k}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AppendBenchmark {

    @Param({"long_10k"})
    public String series;

    @Param({"otava", "hunter", "tarkka"})
    public String algorithm;

    private double[] values;
    private DetectionOptions options;
    private AnalysisState withoutLastPoint;

    @Setup
    public void analysePrefix() {
        values = ReferenceSeries.load(series);
        options = DetectionOptions.NYRKIO_DEFAULTS.withAlgorithm(Algorithm.fromWireName(algorithm));
        withoutLastPoint = ChangePointDetector.analyzeWithState(Arrays.copyOf(values, values.length - 1), options)
                .state();
    }

    @Benchmark
    public Analysis appendOnePoint() {
        return ChangePointDetector.update(withoutLastPoint, values, options);
    }
}
