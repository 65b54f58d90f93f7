package dev.tarkka.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The stored documents keep Nyrkio's layout (api.md §2.1, §14 item 48), so data stays interchangeable:
 * the compound key in its exact order, git_repo normalised, internal fields present.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class StorageLayoutTest {

    @Inject
    StoreNames store;

    @Test
    void resultDocumentsKeepNyrkiosLayout() {
        Api user = Api.newUser();
        user.json(List.of(Api.point(7, Map.of("metric1", 1.5), "https://GitHub.com/nyrkio/nyrkio/", "main", "abc")))
                .post("/api/v0/result/layout").then().statusCode(200);

        Document doc = store.collection(StoreNames.RESULTS).find(Filters.eq("test_name", "layout")).collect().first()
                .await().atMost(Duration.ofSeconds(10));

        Document id = doc.get("_id", Document.class);
        assertThat(id.keySet()).containsExactly("git_repo", "branch", "git_commit", "test_name", "timestamp", "user_id");
        assertThat(id.getString("git_repo")).isEqualTo("https://github.com/nyrkio/nyrkio");
        assertThat(doc.get("attributes", Document.class).getString("git_repo")).isEqualTo("https://github.com/nyrkio/nyrkio");
        assertThat(doc.keySet()).containsExactly("_id", "timestamp", "metrics", "attributes", "extra_info", "user_id",
                "version", "test_name", "meta");
        assertThat(doc.get("extra_info")).isNull();
        assertThat(doc.getInteger("version")).isEqualTo(1);
        assertThat(doc.get("meta", Document.class).getDate("last_modified")).isNotNull();
    }
}
