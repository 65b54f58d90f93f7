package dev.tarkka.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.MongoTestResource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * New hashes use {@code tarkka.auth.password-hash-cost} ({@link MongoTestResource} sets 4); a hash made at another
 * cost, such as the default 10 before an operator changed it, still checks.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
class PasswordHasherTest {

    @Inject
    PasswordHasher hasher;

    @Test
    void hashesAtTheConfiguredCostAndChecksHashesOfAnyCost() {
        String hash = hasher.hash("a-password").await().indefinitely();
        assertThat(hash).startsWith("$2a$04$");
        assertThat(hasher.matches("a-password", hash).await().indefinitely()).isTrue();
        assertThat(hasher.matches("another", hash).await().indefinitely()).isFalse();

        String defaultCost = BcryptUtil.bcryptHash("a-password", 10);
        assertThat(hasher.matches("a-password", defaultCost).await().indefinitely()).isTrue();
        assertThat(hasher.matches("another", defaultCost).await().indefinitely()).isFalse();
        assertThat(hasher.matches("a-password", null).await().indefinitely()).as("no account").isFalse();
    }
}
