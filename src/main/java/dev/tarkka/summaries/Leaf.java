package dev.tarkka.summaries;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.bson.types.ObjectId;

import dev.tarkka.changes.AnalysisKeys;
import dev.tarkka.changes.TestAnalysis;
import dev.tarkka.detection.ChangePoint;
import dev.tarkka.results.SeriesStamp;

/**
 * The summary of one test as stored in {@code summaries}: its change points with what the dashboard and the
 * per-commit view show of them, and what it was computed from (the series stamp, the options and the
 * disabled metrics), so that a read can tell whether it is still current.
 */
record Leaf(String testName, SeriesStamp stamp, String options, List<String> disabled, Date computedAt,
        List<Document> changePoints) {

    static Leaf of(TestAnalysis analysis) {
        List<Document> changePoints = new ArrayList<>();
        analysis.changePoints().forEach((metric, points) -> {
            if (points.isEmpty()) {
                return; // most metrics have none: no need to walk the series for them
            }
            List<Document> withMetric = analysis.docs().stream().filter(doc -> metricOf(doc, metric) != null).toList();
            for (ChangePoint point : points) {
                Document doc = withMetric.get(point.index());
                changePoints.add(entry(metric, point, doc));
            }
        });
        return new Leaf(analysis.testName(), SeriesStamp.of(analysis.docs()), AnalysisKeys.of(analysis.options()),
                List.copyOf(new TreeSet<>(analysis.disabled())), new Date(), changePoints);
    }

    boolean isCurrent(SeriesStamp current, String currentOptions, Set<String> currentDisabled) {
        return stamp.equals(current) && options.equals(currentOptions)
                && disabled.equals(List.copyOf(new TreeSet<>(currentDisabled)));
    }

    private static Document entry(String metric, ChangePoint point, Document doc) {
        Document stored = metricOf(doc, metric);
        Document attributes = doc.get("attributes", Document.class);
        return new Document("metric", metric)
                .append("index", point.index())
                .append("time", ((Number) doc.get("timestamp")).longValue())
                .append("git_commit", attributes.getString("git_commit"))
                .append("branch", attributes.getString("branch"))
                .append("git_repo", attributes.getString("git_repo"))
                .append("unit", stored.getString("unit"))
                .append("direction", stored.getString("direction"))
                .append("value", stored.get("value"))
                .append("forward_change_percent", point.forwardChangePercent())
                .append("magnitude", point.magnitude())
                .append("mean_before", point.meanBefore())
                .append("stddev_before", point.stddevBefore())
                .append("mean_after", point.meanAfter())
                .append("stddev_after", point.stddevAfter())
                .append("pvalue", point.pvalue());
    }

    /** The first entry of {@code metric} in a stored point, as the engine reads it. */
    private static Document metricOf(Document doc, String metric) {
        for (Document m : doc.getList("metrics", Document.class)) {
            if (metric.equals(m.getString("name"))) {
                return m;
            }
        }
        return null;
    }

    Document toDocument(ObjectId owner) {
        return new Document("_id", new Document("user_id", owner).append("test_name", testName))
                .append("user_id", owner)
                .append("test_name", testName)
                .append("stamp", new Document("count", stamp.count()).append("last_modified", stamp.lastModified()))
                .append("options", options)
                .append("disabled", disabled)
                .append("computed_at", computedAt)
                .append("change_points", changePoints);
    }

    static Leaf fromDocument(Document doc) {
        Document stamp = doc.get("stamp", Document.class);
        return new Leaf(doc.getString("test_name"),
                new SeriesStamp(((Number) stamp.get("count")).longValue(), stamp.getDate("last_modified")),
                doc.getString("options"), doc.getList("disabled", String.class), doc.getDate("computed_at"),
                doc.getList("change_points", Document.class));
    }

    /** The unrounded change point, as the per-commit view lists it. */
    static ChangePoint changePoint(Document entry) {
        return new ChangePoint(entry.getInteger("index"), entry.getDouble("mean_before"), entry.getDouble("mean_after"),
                entry.getDouble("stddev_before"), entry.getDouble("stddev_after"), entry.getDouble("pvalue"),
                entry.getDouble("forward_change_percent"), entry.getDouble("magnitude"));
    }

}
