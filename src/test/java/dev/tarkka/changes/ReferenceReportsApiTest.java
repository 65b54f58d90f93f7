package dev.tarkka.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The multi-metric reference input (TigerBeetle's history: six metrics of the same 365 runs) posted through
 * the API gives exactly the report the reference implementations give: each metric's reference report,
 * merged the way Nyrkio merges them, byte for byte.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class ReferenceReportsApiTest {

    static final List<String> METRICS = List.of("load_accepted", "batch_p50", "batch_p90", "transfer_p50",
            "transfer_p90", "duration");
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "tigerbeetle, {0}, {1}")
    @CsvSource({ "otava, nyrkio, 0.05", "otava, otava-cli, 0.0", "hunter, nyrkio, 0.05", "hunter, otava-cli, 0.0" })
    void tigerbeetleReportIsTheReferenceReport(String algorithm, String params, double minMagnitude) throws IOException {
        Api user = Api.newUser();
        user.json(Map.of("core", Map.of("max_pvalue", 0.001, "min_magnitude", minMagnitude, "algorithm", algorithm)))
                .post("/api/v0/user/config").then().statusCode(200);
        user.json(upload()).post("/api/v0/result/tigerbeetle").then().statusCode(200);

        String body = user.as().get("/api/v0/result/tigerbeetle/changes").then().statusCode(200).extract().asString();

        assertThat(body).isEqualTo(JSON.writeValueAsString(expected(algorithm.equals("hunter") ? "hunter-legacy" : "otava", params)));
    }

    /** All six metrics of each run in one point, in the reference's metric order. */
    static List<Map<String, Object>> upload() throws IOException {
        List<JsonNode> inputs = new ArrayList<>();
        for (String metric : METRICS) {
            inputs.add(read("tigerbeetle/" + metric + ".input.json"));
        }
        JsonNode first = inputs.get(0);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < first.get("time").size(); i++) {
            List<Map<String, Object>> metrics = new ArrayList<>();
            for (int m = 0; m < METRICS.size(); m++) {
                metrics.add(Map.of("name", METRICS.get(m), "unit", "u", "value", inputs.get(m).get("series").get(i)));
            }
            JsonNode attributes = first.get("attributes");
            points.add(Map.of("timestamp", first.get("time").get(i).asLong(), "metrics", metrics,
                    "attributes", Map.of("git_repo", attributes.get("git_repo").get(i).asText(),
                            "branch", attributes.get("branch").get(i).asText(),
                            "git_commit", attributes.get("git_commit").get(i).asText())));
        }
        return points;
    }

    /** Nyrkio's merge (change-detection spec §15.2): first metric as is, later ones join a group of equal time or go last. */
    static ObjectNode expected(String impl, String params) throws IOException {
        ArrayNode merged = JSON.createArrayNode();
        Map<Long, ObjectNode> byTime = new LinkedHashMap<>();
        for (String metric : METRICS) {
            JsonNode report = read("tigerbeetle/" + metric + ".expected." + impl + "." + params + ".json").get("report");
            for (JsonNode group : report.get("tigerbeetle")) {
                ObjectNode existing = metric.equals(METRICS.get(0)) ? null : byTime.get(group.get("time").asLong());
                if (existing == null) {
                    ObjectNode copy = group.deepCopy();
                    merged.add(copy);
                    byTime.putIfAbsent(group.get("time").asLong(), copy);
                } else {
                    ((ArrayNode) existing.get("changes")).addAll((ArrayNode) group.get("changes"));
                }
            }
        }
        ObjectNode expected = JSON.createObjectNode();
        expected.set("tigerbeetle", merged);
        return expected;
    }

    private static JsonNode read(String path) throws IOException {
        try (InputStream in = ReferenceReportsApiTest.class.getResourceAsStream("/otava-cases/" + path)) {
            return JSON.readTree(in);
        }
    }
}
