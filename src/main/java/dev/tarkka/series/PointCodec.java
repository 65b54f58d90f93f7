package dev.tarkka.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Projections;

import dev.tarkka.store.Ownership;

/**
 * The {@code test_results} documents, laid out exactly as Nyrkio stores them (api.md §2.1), so that the
 * compound {@code _id} (git_repo, branch, git_commit, test_name, timestamp, user_id, in this order) makes
 * every data point unique and the data stays interchangeable. The only place that knows this layout.
 */
final class PointCodec {

    static final String ID = "_id";
    static final String USER_ID = Ownership.USER_ID;
    static final String TEST_NAME = Ownership.TEST_NAME;
    static final String TIMESTAMP = "timestamp";
    static final String LAST_MODIFIED = "meta.last_modified";
    /** Present only on pull-request points, which never belong to the test's own series. */
    static final String PULL_REQUEST = "pull_request";
    static final String GIT_REPO = "attributes.git_repo";
    static final String GIT_COMMIT = "attributes.git_commit";
    static final String BRANCH = "attributes.branch";
    static final int SCHEMA_VERSION = 1;
    /** What reads of points use: the bulky compound key stays on the server. */
    static final Bson POINT_FIELDS = Projections.fields(Projections.excludeId(),
            Projections.include(TIMESTAMP, "metrics", "attributes", "extra_info", "meta", PULL_REQUEST));
    /** What an analysis reads: no {@code extra_info}, which can be large and is never analysed. */
    static final Bson SERIES_FIELDS = Projections.fields(Projections.excludeId(),
            Projections.include(TIMESTAMP, "metrics", "attributes", "meta", PULL_REQUEST));

    private PointCodec() {
    }

    static Document key(ObjectId owner, String testName, ResultInput result) {
        return key(owner, testName, result.attributes().gitRepo(), result.attributes().branch(),
                result.attributes().gitCommit(), result.timestamp());
    }

    /** The key of a point; its fields in this order, which MongoDB compares embedded documents by. */
    static Document key(ObjectId owner, String testName, String gitRepo, String branch, String gitCommit,
            long timestamp) {
        return new Document("git_repo", gitRepo)
                .append("branch", branch)
                .append("git_commit", gitCommit)
                .append(TEST_NAME, testName)
                .append(TIMESTAMP, timestamp)
                .append(USER_ID, owner);
    }

    /** The document of a point; {@code pullRequest} is null for the test's own series. */
    static Document toDocument(ObjectId owner, String testName, ResultInput result, Instant modified,
            Integer pullRequest) {
        List<Document> metrics = new ArrayList<>(result.metrics().size());
        for (ResultInput.Metric metric : result.metrics()) {
            Document m = new Document("name", metric.name()).append("unit", metric.unit()).append("value", metric.value());
            if (metric.direction() != null) {
                m.append("direction", metric.direction());
            }
            metrics.add(m);
        }
        Document doc = new Document(ID, key(owner, testName, result))
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
        if (pullRequest != null) {
            doc.append(PULL_REQUEST, pullRequest);
        }
        return doc;
    }

    /** A stored point read with {@link #POINT_FIELDS}. */
    static StoredPoint fromDocument(Document doc) {
        List<ResultInput.Metric> metrics = new ArrayList<>();
        for (Document m : doc.getList("metrics", Document.class)) {
            Object value = m.get("value");
            metrics.add(new ResultInput.Metric(m.getString("name"), m.getString("unit"),
                    value instanceof Number n ? n : null, m.getString("direction")));
        }
        Document attributes = doc.get("attributes", Document.class);
        Document meta = doc.get("meta", Document.class);
        Date modified = meta == null ? null : meta.getDate("last_modified");
        ResultInput result = new ResultInput(((Number) doc.get(TIMESTAMP)).longValue(), metrics,
                new ResultInput.Attributes(attributes.getString("git_commit"), attributes.getString("branch"),
                        attributes.getString("git_repo")),
                doc.get("extra_info", Document.class));
        Object pullRequest = doc.get(PULL_REQUEST);
        // Points written without meta (by other tools) count as written at the epoch, as in Nyrkio.
        return new StoredPoint(result, modified == null ? Instant.EPOCH : modified.toInstant(),
                pullRequest instanceof Number n ? n.intValue() : null);
    }

    /** Adds a point read with {@link #SERIES_FIELDS} to a series being built, without making a StoredPoint of it. */
    static void addTo(StoredSeries.Builder series, Document doc) {
        Document attributes = doc.get("attributes", Document.class);
        Document meta = doc.get("meta", Document.class);
        Date modified = meta == null ? null : meta.getDate("last_modified");
        Object pullRequest = doc.get(PULL_REQUEST);
        int point = series.addPoint(((Number) doc.get(TIMESTAMP)).longValue(), attributes.getString("git_commit"),
                attributes.getString("branch"), attributes.getString("git_repo"),
                modified == null ? Instant.EPOCH : modified.toInstant(),
                pullRequest instanceof Number n ? n.intValue() : null);
        for (Document m : doc.getList("metrics", Document.class)) {
            Object value = m.get("value");
            series.addMetric(point, m.getString("name"), m.getString("unit"), m.getString("direction"),
                    value instanceof Number n ? n : null);
        }
    }

    /** The key of a duplicate as the 400 answer shows it: the _id without the owner. */
    static DuplicateResultException.Key publicKey(Document key) {
        return new DuplicateResultException.Key(key.getString("git_repo"), key.getString("branch"),
                key.getString("git_commit"), key.getString(TEST_NAME), ((Number) key.get(TIMESTAMP)).longValue());
    }
}
