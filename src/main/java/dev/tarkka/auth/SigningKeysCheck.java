package dev.tarkka.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * Refuses to start without usable JWT keys. SmallRye JWT would otherwise start and fail every
 * authenticated request with 500. In dev and test mode Quarkus generates a key pair when none is
 * configured; in production both keys must be configured and readable.
 */
@ApplicationScoped
public class SigningKeysCheck {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey.location";
    static final String PRIVATE_KEY = "smallrye.jwt.sign.key.location";

    private final Optional<String> publicKeyLocation;
    private final Optional<String> privateKeyLocation;

    SigningKeysCheck(@ConfigProperty(name = PUBLIC_KEY) Optional<String> publicKeyLocation,
            @ConfigProperty(name = PRIVATE_KEY) Optional<String> privateKeyLocation) {
        this.publicKeyLocation = publicKeyLocation;
        this.privateKeyLocation = privateKeyLocation;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        problem(LaunchMode.current() == LaunchMode.NORMAL).ifPresent(reason -> {
            throw new MissingSigningKeysException(reason);
        });
    }

    /** What is wrong with the configured keys, if anything. */
    Optional<String> problem(boolean keysRequired) {
        if (publicKeyLocation.isEmpty() || privateKeyLocation.isEmpty()) {
            return keysRequired
                    ? Optional.of("Refusing to start: JWT keys are not configured; set " + PUBLIC_KEY
                            + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION) and " + PRIVATE_KEY
                            + " (SMALLRYE_JWT_SIGN_KEY_LOCATION) to PEM files")
                    : Optional.empty();
        }
        return unreadable("public key", publicKeyLocation.get(), KeyUtils::decodePublicKey)
                .or(() -> unreadable("signing key", privateKeyLocation.get(), KeyUtils::decodePrivateKey));
    }

    /** Reads the key the way SmallRye JWT will (file, classpath or URL location) and decodes it. */
    private static Optional<String> unreadable(String what, String location, KeyDecoder decoder) {
        try {
            String content = ResourceUtils.readResource(location);
            if (content == null) {
                return Optional.of("Refusing to start: the JWT " + what + " " + location + " does not exist");
            }
            decoder.decode(content);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("Refusing to start: cannot read the JWT " + what + " " + location + " ("
                    + e.getMessage() + ")");
        }
    }

    @FunctionalInterface
    private interface KeyDecoder {
        Object decode(String content) throws Exception;
    }

    /** Startup failure with a one-line reason and no stack trace to wade through. */
    static final class MissingSigningKeysException extends RuntimeException {
        MissingSigningKeysException(String reason) {
            super(reason, null, false, false);
        }
    }
}
