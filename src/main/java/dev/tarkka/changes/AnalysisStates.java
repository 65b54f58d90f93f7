package dev.tarkka.changes;

import static dev.tarkka.store.PackedArrays.pack;

import org.bson.Document;
import org.bson.types.Binary;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.store.PackedArrays;

/**
 * The engine's incremental state as a BSON document and back. Its arrays grow with the series (a few thousand
 * numbers at 100k points) and the state is rewritten on every upload, so they are packed binaries
 * ({@link PackedArrays}): bit-identical when read back, and cheap for the driver and the store to move.
 */
final class AnalysisStates {

    private AnalysisStates() {
    }

    static Document toDocument(AnalysisState state) {
        DetectionOptions options = state.options();
        return new Document("version", state.version())
                .append("options", new Document("window_len", options.windowLen())
                        .append("max_pvalue", options.maxPvalue())
                        .append("min_magnitude", options.minMagnitude())
                        .append("algorithm", options.algorithm().wireName()))
                .append("length", state.length())
                .append("fingerprint", state.fingerprint())
                .append("resume_start", state.resumeStart())
                .append("settled_points", pack(state.settledPoints()))
                .append("test_starts", pack(state.testStarts()))
                .append("test_splits", pack(state.testSplits()))
                .append("test_ends", pack(state.testEnds()))
                .append("test_means_before", pack(state.testMeansBefore()))
                .append("test_means_after", pack(state.testMeansAfter()))
                .append("test_stddevs_before", pack(state.testStddevsBefore()))
                .append("test_stddevs_after", pack(state.testStddevsAfter()))
                .append("test_pvalues", pack(state.testPvalues()));
    }

    /** The state, or null when the document is not one this engine can use. */
    static AnalysisState fromDocument(Document doc) {
        // states saved before the arrays were packed are recomputed once, like those of another engine version
        if (doc == null || doc.getInteger("version", -1) != AnalysisState.CURRENT_VERSION
                || !(doc.get("test_pvalues") instanceof Binary)) {
            return null;
        }
        Document options = doc.get("options", Document.class);
        return new AnalysisState(doc.getInteger("version"),
                new DetectionOptions(options.getInteger("window_len"), options.getDouble("max_pvalue"),
                        options.getDouble("min_magnitude"), Algorithm.fromWireName(options.getString("algorithm"))),
                doc.getInteger("length"), doc.getLong("fingerprint"), doc.getInteger("resume_start"),
                ints(doc, "settled_points"), ints(doc, "test_starts"), ints(doc, "test_splits"),
                ints(doc, "test_ends"), doubles(doc, "test_means_before"), doubles(doc, "test_means_after"),
                doubles(doc, "test_stddevs_before"), doubles(doc, "test_stddevs_after"), doubles(doc, "test_pvalues"));
    }

    private static int[] ints(Document doc, String key) {
        return PackedArrays.ints(doc.get(key, Binary.class));
    }

    private static double[] doubles(Document doc, String key) {
        return PackedArrays.doubles(doc.get(key, Binary.class));
    }
}
