package dev.tarkka.changes;

import dev.tarkka.detection.DetectionOptions;

/** The key under which results computed with one set of options are kept: they are useless for another. */
public final class AnalysisKeys {

    private AnalysisKeys() {
    }

    public static String of(DetectionOptions options) {
        return options.algorithm().wireName() + "/w" + options.windowLen() + "/p" + options.maxPvalue()
                + "/m" + options.minMagnitude();
    }
}
