package dev.tarkka.auth;

import static dev.tarkka.auth.LoginThrottleTest.fail;
import static dev.tarkka.auth.LoginThrottleTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Api;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The throttle lets the account in again once its window has passed. */
@QuarkusTest
@TestProfile(LoginThrottleWindowTest.ShortWindow.class)
@WithTestResource(MongoTestResource.class)
class LoginThrottleWindowTest {

    static final Duration WINDOW = Duration.ofSeconds(2);

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tarkka.auth.login-throttle.max-failures", "2",
                    "tarkka.auth.login-throttle.window", WINDOW.toSeconds() + "S");
        }
    }

    @Test
    void theAccountLogsInAgainAfterTheWindow() throws InterruptedException {
        Api user = Api.registered();
        long start = System.nanoTime();
        fail(user.email(), 2);
        int status = login(user.email(), user.password()).extract().statusCode();
        // on a very slow machine the window may already be over; the refusal is covered by LoginThrottleTest
        if (Duration.ofNanos(System.nanoTime() - start).compareTo(WINDOW) < 0) {
            assertThat(status).isEqualTo(429);
        }
        // refused attempts do not extend the window: retrying all along, the account gets in when it ends
        long deadline = System.nanoTime() + WINDOW.plusSeconds(10).toNanos();
        while (status == 429 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = login(user.email(), user.password()).extract().statusCode();
        }
        assertThat(status).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WINDOW);
    }
}
