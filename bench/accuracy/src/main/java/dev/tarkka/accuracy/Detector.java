package dev.tarkka.accuracy;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.ChangePointDetector;
import dev.tarkka.detection.DetectionOptions;

/**
 * A change-point detector under test: filled values in, change-point indexes (first point of the new regime) out.
 *
 * @param name    what the table calls it
 * @param options the engine's options, or {@code null} for the zero baseline
 */
record Detector(String name, DetectionOptions options) {

    /** TCPDBench's "zero" method: never reports a change. */
    static Detector zero() {
        return new Detector("zero baseline", null);
    }

    /** The engine with the given options. */
    static Detector engine(String name, DetectionOptions options) {
        return new Detector(name, options);
    }

    /** The parameters, for the table. */
    String settings() {
        if (options == null) {
            return "-";
        }
        if (options.algorithm() == Algorithm.TARKKA) {
            return "tarkka (its own parameters)";
        }
        return options.algorithm().wireName() + " W " + options.windowLen() + ", p " + options.maxPvalue() + ", M "
                + options.minMagnitude();
    }

    int[] detect(double[] values) {
        return options == null ? new int[0]
                : ChangePointDetector.analyze(values, options).stream().mapToInt(ChangePoint::index).toArray();
    }
}
