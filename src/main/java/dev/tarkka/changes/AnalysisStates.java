package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import dev.tarkka.detection.Algorithm;
import dev.tarkka.detection.AnalysisState;
import dev.tarkka.detection.DetectionOptions;

/**
 * The engine's incremental state as a BSON document and back. Doubles are stored as BSON doubles, so a
 * state read back is bit-identical to the one written.
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
                .append("settled_points", ints(state.settledPoints()))
                .append("test_starts", ints(state.testStarts()))
                .append("test_splits", ints(state.testSplits()))
                .append("test_ends", ints(state.testEnds()))
                .append("test_means_before", doubles(state.testMeansBefore()))
                .append("test_means_after", doubles(state.testMeansAfter()))
                .append("test_stddevs_before", doubles(state.testStddevsBefore()))
                .append("test_stddevs_after", doubles(state.testStddevsAfter()))
                .append("test_pvalues", doubles(state.testPvalues()));
    }

    /** The state, or null when the document is not one this engine can use. */
    static AnalysisState fromDocument(Document doc) {
        if (doc == null || doc.getInteger("version", -1) != AnalysisState.CURRENT_VERSION) {
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

    private static List<Integer> ints(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static List<Double> doubles(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static int[] ints(Document doc, String key) {
        return doc.getList(key, Integer.class).stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(Document doc, String key) {
        return doc.getList(key, Double.class).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
