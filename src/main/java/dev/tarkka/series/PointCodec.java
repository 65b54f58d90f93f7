package dev.tarkka.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import dev.tarkka.store.Ownership;

/**
 * The {@code test_results} documents, laid out exactly as Nyrkio stores them (api.md §2.1), so that the
 * compound {@code _id} (git_repo, branch, git_commit, test_name, timestamp, user_id, in this order) makes
 * every data point unique and the data stays interchangeable.
 */
final class ResultDocuments {

    static final String ID = "_id";
    static final String USER_ID = Ownership.USER_ID;
    static final String TEST_NAME = Ownership.TEST_NAME;
    static final String TIMESTAMP = "timestamp";
    static final int SCHEMA_VERSION = 1;

    private ResultDocuments() {
    }

    static Document key(ObjectId owner, String testName, ResultInput result) {
        return new Document("git_repo", result.attributes().gitRepo())
                .append("branch", result.attributes().branch())
                .append("git_commit", result.attributes().gitCommit())
                .append(TEST_NAME, testName)
                .append(TIMESTAMP, result.timestamp())
                .append(USER_ID, owner);
    }

    static Document toDocument(ObjectId owner, String testName, ResultInput result, Instant modified) {
        List<Document> metrics = new ArrayList<>(result.metrics().size());
        for (ResultInput.Metric metric : result.metrics()) {
            Document m = new Document("name", metric.name()).append("unit", metric.unit()).append("value", metric.value());
            if (metric.direction() != null) {
                m.append("direction", metric.direction());
            }
            metrics.add(m);
        }
        return new Document(ID, key(owner, testName, result))
                .append(TIMESTAMP, result.timestamp())
                .append("metrics", metrics)
                .append("attributes", new Document("git_commit", result.attributes().gitCommit())
                        .append("branch", result.attributes().branch())
                        .append("git_repo", result.attributes().gitRepo()))
                .append("extra_info", result.extraInfo() == null ? null : new Document(result.extraInfo()))
                .append(USER_ID, owner)
                .append("version", SCHEMA_VERSION)
                .append(TEST_NAME, testName)
                .append("meta", new Document("last_modified", Date.from(modified)));
    }

    /** The key of a duplicate as the 400 answer shows it: the _id without the owner. */
    static Map<String, Object> publicKey(Document key) {
        Map<String, Object> data = new LinkedHashMap<>(key);
        data.remove(USER_ID);
        return data;
    }

    /** A stored point as the API returns it: internal keys stripped (api.md §4.3). */
    static Map<String, Object> toApi(Document doc) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put(TIMESTAMP, doc.get(TIMESTAMP));
        point.put("metrics", doc.get("metrics"));
        point.put("attributes", doc.get("attributes"));
        point.put("extra_info", doc.get("extra_info"));
        return point;
    }
}
