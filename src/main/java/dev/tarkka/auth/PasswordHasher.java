package dev.tarkka.auth;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tarkka.config.TarkkaConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * bcrypt hashing and checking at {@code tarkka.auth.password-hash-cost}. Both take tens of milliseconds of CPU on
 * purpose, so they run on the worker pool, never on an event-loop thread.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    /** Checked against when the account does not exist, so unknown users and wrong passwords take as long. */
    private volatile String decoyHash;

    PasswordHasher(TarkkaConfig config) {
        this.cost = config.auth().passwordHashCost();
    }

    public Uni<String> hash(String password) {
        return offEventLoop(() -> BcryptUtil.bcryptHash(password, cost));
    }

    /** True when {@code password} matches {@code hash}; a null hash (no account) is checked against a decoy. */
    public Uni<Boolean> matches(String password, String hash) {
        return offEventLoop(() -> {
            if (hash == null) {
                BcryptUtil.matches(password, decoyHash());
                return false;
            }
            return BcryptUtil.matches(password, hash);
        });
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = BcryptUtil.bcryptHash("decoy-password-for-timing", cost);
            decoyHash = decoy;
        }
        return decoy;
    }

    private static <T> Uni<T> offEventLoop(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
