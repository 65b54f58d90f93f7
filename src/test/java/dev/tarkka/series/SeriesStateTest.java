package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.tarkka.store.StoreNames;
import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import dev.tarkka.support.QueryLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A test's series is read from its columns once they exist: appending a point and analysing the series again does
 * not read the test's points. Tests stored before columns existed are found and listed after the backfill.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class SeriesStateTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    QueryLog log;

    @Inject
    StoreNames store;

    @Inject
    SeriesHeadsBackfill backfill;

    @Inject
    SeriesCache cache;

    @Test
    void anAppendAndItsAnalysisReadColumnsNotPoints() {
        Api user = Api.newUser();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 3000; t++) {
            points.add(Api.point(t, "m", t <= 1500 ? 10.0 + t % 7 : 20.0 + t % 7));
        }
        user.json(points).post("/api/v0/result/long/a").then().statusCode(200);
        user.as().get("/api/v0/result/long/a/changes").then().statusCode(200);

        log.clear();
        user.json(List.of(Api.point(3001, "m", 23.0))).post("/api/v0/result/long/a").then().statusCode(200);
        String report = user.as().get("/api/v0/result/long/a/changes").then().statusCode(200).extract().asString();
        user.as().get("/api/v0/result/summarySiblings").then().statusCode(200);

        assertThat(log.queries()).as("reads of the points after an append")
                .filteredOn(query -> query.collection().equals(StoreNames.RESULTS))
                .filteredOn(query -> query.filter().toJson().contains("\"long/a\""))
                .filteredOn(query -> List.of("find", "aggregate", "distinct").contains(query.command()))
                .isEmpty();
        assertThat(report).contains("\"time\":1501");
    }

    /**
     * Issue 15: an upload's cost must not grow with the test's history. The series read for the analysis before is
     * kept, the append rewrites its last chunk from memory, and the analysis after it reads no chunk at all. The
     * chunks written that way are the series: forgotten by this process, it is read back from them, not the points,
     * also after appends that filled a chunk and began the next.
     */
    @Test
    void anAppendToAKeptSeriesReadsNoChunk() {
        Api user = Api.newUser();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 2046; t++) { // two chunks, the second one point short of full
            points.add(Api.point(t, "m", t <= 1500 ? 10.0 + t % 7 : 20.0 + t % 7));
        }
        user.json(points).post("/api/v0/result/long/b").then().statusCode(200);
        user.as().get("/api/v0/result/long/b/changes").then().statusCode(200);

        log.clear();
        String answer = user.json(List.of(Api.point(2047, "m", 23.0))).post("/api/v0/result/long/b").then()
                .statusCode(200).extract().asString();
        assertThat(log.queries()).as("chunks read by the append and its analysis")
                .filteredOn(query -> query.collection().equals(StoreNames.SERIES_CHUNKS))
                .filteredOn(query -> query.command().equals("find")).isEmpty();
        assertThat(answer).contains("\"time\":1501");

        for (int t = 2048; t <= 2051; t++) { // fills the second chunk, then three points in a third; a new metric
            user.json(List.of(Api.point(t, Api.metrics("m", 24.0 + t % 3, "other", t % 2), "myrepo", "main", "c" + t)))
                    .post("/api/v0/result/long/b").then().statusCode(200);
        }
        assertThat(log.queries()).as("chunks read by these appends and their analyses")
                .filteredOn(query -> query.collection().equals(StoreNames.SERIES_CHUNKS))
                .filteredOn(query -> query.command().equals("find")).isEmpty();
        String kept = user.as().get("/api/v0/result/long/b/changes").then().statusCode(200).extract().asString();
        String series = user.as().get("/api/v0/result/long/b").then().statusCode(200).extract().asString();

        cache.forget(new ObjectId(user.as().get("/api/v0/users/me").then().extract().<String>path("id")), "long/b");
        log.clear();
        assertThat(user.as().get("/api/v0/result/long/b/changes").then().statusCode(200).extract().asString())
                .isEqualTo(kept);
        assertThat(log.queries()).as("reads of the points by the analysis once the series is forgotten")
                .filteredOn(query -> query.collection().equals(StoreNames.RESULTS))
                .filteredOn(query -> List.of("find", "aggregate", "distinct").contains(query.command()))
                .isEmpty();
        assertThat(user.as().get("/api/v0/result/long/b").then().statusCode(200).extract().asString())
                .isEqualTo(series).contains("\"git_commit\":\"c2051\"");
    }

    /** Issue 15: the test list and the dashboard's newest points come from the per-test records, not the points. */
    @Test
    void theTestListReadsNoPoints() {
        Api user = Api.newUser();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 50; t++) {
            points.add(Api.point(t, "m", 10.0 + t % 3));
        }
        user.json(points).post("/api/v0/result/listed/a").then().statusCode(200);
        user.json(points.subList(45, 50)).post("/api/v0/result/listed/b").then().statusCode(200); // emptied below
        user.json(List.of(Api.point(1, "m", 1.0))).post("/api/v0/pulls/o/r/3/result/listed/pr-only").then().statusCode(200);
        user.as().delete("/api/v0/result/listed/a?timestamp=50").then().statusCode(200);
        user.as().get("/api/v0/result/listed/a/changes").then().statusCode(200); // its head counts again

        log.clear();
        user.as().get("/api/v0/results").then().statusCode(200)
                .body("test_name", Matchers.contains("listed/a", "listed/b", "listed/pr-only"));
        user.as().get("/api/v0/dashboard/latest").then().statusCode(200)
                .body("test_name", Matchers.contains("listed/a", "listed/b"))
                .body("timestamp", Matchers.contains(49, 50))
                .body("[1].metrics[0].value", Matchers.equalTo(12.0f));
        assertThat(log.queries()).as("reads of the points for the test list and the dashboard's newest points")
                .filteredOn(query -> query.collection().equals(StoreNames.RESULTS))
                .isEmpty();

        // a test emptied point by point: its head no longer counts, and the points say it is gone
        for (int t = 46; t <= 50; t++) {
            user.as().delete("/api/v0/result/listed/b?timestamp=" + t).then().statusCode(200);
        }
        user.as().get("/api/v0/results").then().statusCode(200)
                .body("test_name", Matchers.contains("listed/a", "listed/pr-only"));
    }

    /**
     * A pull request's points stored without their row (the service went away between the two writes): the client's
     * retry, refused as a duplicate, writes the row, and the test is listed.
     */
    @Test
    void aRetriedPullRequestUploadListsItsTest() {
        Api user = Api.newUser();
        List<Map<String, Object>> point = List.of(Api.point(1, "m", 1.0));
        user.json(point).post("/api/v0/pulls/o/r/4/result/retried/pr").then().statusCode(200);
        store.collection(StoreNames.PULL_TESTS).deleteMany(Filters.eq("test_name", "retried/pr")).await().atMost(WAIT);
        user.as().get("/api/v0/results").then().statusCode(200).body("test_name", Matchers.empty());

        user.json(point).post("/api/v0/pulls/o/r/4/result/retried/pr").then().statusCode(400);
        user.as().get("/api/v0/results").then().statusCode(200).body("test_name", Matchers.contains("retried/pr"));
    }

    @Test
    void aNewTestsFirstUploadIsItsSeriesWithoutReadingPoints() {
        Api user = Api.newUser();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 1; t <= 200; t++) {
            points.add(Api.point(t, "m", t <= 100 ? 10.0 + t % 3 : 30.0 + t % 3));
        }
        log.clear();
        String answer = user.json(points).post("/api/v0/result/fresh/a").then().statusCode(200).extract().asString();
        String report = user.as().get("/api/v0/result/fresh/a/changes").then().statusCode(200).extract().asString();
        List<Integer> listed = user.as().get("/api/v0/result/fresh/a").then().statusCode(200).extract().jsonPath()
                .getList("timestamp", Integer.class);

        assertThat(log.queries()).as("reads of the points of a new test")
                .filteredOn(query -> query.collection().equals(StoreNames.RESULTS))
                .filteredOn(query -> query.filter().toJson().contains("\"fresh/a\""))
                .filteredOn(query -> List.of("aggregate", "distinct").contains(query.command())
                        || query.command().equals("find") && !query.filter().containsKey("_id"))
                .isEmpty();
        assertThat(answer).contains("\"time\":101");
        assertThat(report).contains("\"time\":101");
        assertThat(listed).hasSize(200).isSorted().startsWith(1).endsWith(200);
    }

    @Test
    void testsStoredBeforeColumnsExistedAreListedAfterTheBackfill() {
        Api user = Api.newUser();
        for (String test : List.of("legacy/a", "legacy/b")) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (int t = 1; t <= 20; t++) {
                points.add(Api.point(t, "m", t <= 10 ? 10 : 20));
            }
            user.json(points).post("/api/v0/result/" + test).then().statusCode(200);
        }
        // what a store written by an earlier version holds: points, no heads, no chunks, no migration done
        var heads = store.collection(StoreNames.SERIES_HEADS);
        heads.deleteMany(Filters.regex("test_name", "^legacy/")).await().atMost(WAIT);
        store.collection(StoreNames.SERIES_CHUNKS).deleteMany(Filters.regex("test_name", "^legacy/"))
                .await().atMost(WAIT);
        store.collection(StoreNames.MIGRATIONS).deleteMany(new Document()).await().atMost(WAIT);
        user.as().get("/api/v0/result/legacy/summarySiblings").then().statusCode(404);

        assertThat(backfill.run().await().atMost(WAIT)).isGreaterThanOrEqualTo(2L);
        assertThat(backfill.run().await().atMost(WAIT)).as("done once").isZero();

        user.as().get("/api/v0/result/legacy/summarySiblings").then().statusCode(200)
                .body("$", Matchers.hasKey("legacy/a")).body("$", Matchers.hasKey("legacy/b"));
        assertThat(heads.countDocuments(Filters.and(Filters.regex("test_name", "^legacy/"),
                Filters.eq("stale", false))).await().atMost(WAIT)).as("heads rebuilt by the listing").isEqualTo(2);
    }
}
