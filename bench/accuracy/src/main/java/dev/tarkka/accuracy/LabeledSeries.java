package dev.tarkka.accuracy;

import dev.tarkka.detection.MissingValues;

import java.util.List;

/**
 * One series with its true change points, as one or more annotators marked them (TCPD has several; generated and
 * reference series have one). A change point is the index of the first point of the new regime, 0-based, as in
 * TCPD and in the engine's output.
 *
 * @param name        where the series comes from
 * @param values      the raw values; {@code null} is a missing measurement
 * @param annotations the change points of each annotator, ascending
 */
record LabeledSeries(String name, Double[] values, List<int[]> annotations) {

    LabeledSeries {
        if (annotations.isEmpty()) {
            throw new IllegalArgumentException(name + ": a labeled series needs at least one annotation");
        }
        annotations = List.copyOf(annotations);
    }

    /** A series with a single, known truth. */
    static LabeledSeries withTruth(String name, Double[] values, int... changePoints) {
        return new LabeledSeries(name, values, List.of(changePoints));
    }

    /** The values as the service analyses them: missing values filled (spec §3). */
    double[] filled() {
        return MissingValues.fill(values);
    }

    int length() {
        return values.length;
    }

    /** Whether no annotator marked any change. */
    boolean hasNoChange() {
        return annotations.stream().allMatch(changes -> changes.length == 0);
    }
}
