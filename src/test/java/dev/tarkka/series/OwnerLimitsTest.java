package dev.tarkka.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The per-owner limits answer 4xx JSON naming the limit, and a refused upload stores nothing. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@TestProfile(OwnerLimitsTest.SmallLimits.class)
class OwnerLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tarkka.limits.points-per-test", "5", "tarkka.limits.tests-per-owner", "2",
                    "tarkka.limits.uploads-per-minute", "8");
        }
    }

    static List<Map<String, Object>> points(long from, int count) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(Api.point(from + i, "latency", 10 + i));
        }
        return points;
    }

    @Test
    void aTestTakesNoMorePointsThanAllowed() {
        Api user = Api.newUser();
        user.json(points(1_700_000_000L, 3)).post("/api/v0/result/capped").then().statusCode(200);
        user.json(points(1_700_001_000L, 3)).post("/api/v0/result/capped").then().statusCode(403)
                .body("detail", containsString("tarkka.limits.points-per-test allows 5"))
                .body("detail", containsString("Nothing was stored"));
        user.json(points(1_700_001_000L, 3)).put("/api/v0/result/capped").then().statusCode(403);
        user.as().get("/api/v0/result/capped").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(3));
        user.json(points(1_700_001_000L, 2)).post("/api/v0/result/capped").then().statusCode(200);
        // one upload larger than a whole test
        user.json(points(1_700_002_000L, 6)).post("/api/v0/result/too-big").then().statusCode(403);
        user.as().get("/api/v0/result/too-big").then().statusCode(404);
    }

    @Test
    void anOwnerHasNoMoreTestsThanAllowedAndADeletedTestFreesItsPlace() {
        Api user = Api.newUser(); // without the example test: a new user's first test is its own
        user.json(points(1_700_000_000L, 1)).post("/api/v0/result/first").then().statusCode(200);
        user.json(points(1_700_000_000L, 1)).post("/api/v0/result/second").then().statusCode(200);
        user.json(points(1_700_000_000L, 1)).post("/api/v0/result/third").then().statusCode(403)
                .body("detail", containsString("tarkka.limits.tests-per-owner allows 2"));
        user.as().get("/api/v0/result/third").then().statusCode(404);
        assertThat(user.as().get("/api/v0/results").jsonPath().getList("test_name", String.class))
                .containsExactly("first", "second");

        user.as().delete("/api/v0/result/second").then().statusCode(200);
        user.json(points(1_700_000_000L, 1)).post("/api/v0/result/third").then().statusCode(200);
    }

    @Test
    void uploadsBeyondTheRatePerMinuteGet429WithRetryAfter() {
        Api user = Api.newUser();
        int answered429 = 0;
        for (int i = 0; i < 12; i++) {
            int status = user.json(points(1_700_000_000L + i, 1)).post("/api/v0/result/often").statusCode();
            if (status == 429) {
                answered429++;
            }
        }
        // 8 a minute; a minute boundary during the loop can allow up to 8 more
        assertThat(answered429).isBetween(1, 4);
        user.json(points(1_800_000_000L, 1)).post("/api/v0/result/often").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("tarkka.limits.uploads-per-minute is 8"));
        // another owner is not slowed down
        Api.newUser().json(points(1_700_000_000L, 1)).post("/api/v0/result/often").then().statusCode(200);
    }
}
