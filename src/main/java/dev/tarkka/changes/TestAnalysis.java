package dev.tarkka.changes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;

import dev.tarkka.detection.ChangePoint;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.detection.ReportGroup;

/**
 * One test analysed as it is stored now.
 *
 * @param docs         the stored points, in series order
 * @param changePoints the change points of every enabled metric, indexed within that metric's series
 * @param groups       the report groups; empty when there is no point or no enabled metric
 */
public record TestAnalysis(String testName, DetectionOptions options, List<Document> docs, Set<String> disabled,
        Map<String, List<ChangePoint>> changePoints, Optional<List<ReportGroup>> groups) {

    /** Nyrkio's change report: {@code {}} without data, otherwise {@code {"<test>": [groups]}}. */
    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        groups.ifPresent(g -> report.put(testName, g));
        return report;
    }
}
