package dev.tarkka.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Email verification and password reset (api.md §1.4), with mail sent by the Quarkus mailer. The requests answer
 * the same, at once, whether or not the email belongs to an account: what follows a lookup (the token, the mail)
 * happens after the answer. Links work once and expire after {@code tarkka.auth.account-token-ttl}.
 */
@ApplicationScoped
public class AccountFlows {

    private static final Logger LOG = Logger.getLogger(AccountFlows.class);
    static final String BAD_VERIFY_TOKEN = "VERIFY_USER_BAD_TOKEN";
    static final String ALREADY_VERIFIED = "VERIFY_USER_ALREADY_VERIFIED";
    static final String BAD_RESET_TOKEN = "RESET_PASSWORD_BAD_TOKEN";

    private final UserRepository users;
    private final AccountTokens tokens;
    private final PasswordHasher hasher;
    private final ReactiveMailer mailer;
    private final TarkkaConfig.Auth config;
    private final String publicUrl;
    private final Optional<String> from;

    AccountFlows(UserRepository users, AccountTokens tokens, PasswordHasher hasher, ReactiveMailer mailer,
            TarkkaConfig config, @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.config = config.auth();
        String url = config.publicUrl();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.from = from;
    }

    public boolean verificationRequired() {
        return config.emailVerification();
    }

    /** Sends a verification link to an unverified, active account of that email; nothing otherwise. */
    public void requestVerification(String email) {
        background("verification", users.findByEmail(email).chain(account -> {
            if (account == null || account.verified || !account.active) {
                return Uni.createFrom().voidItem();
            }
            return tokens.issue(account.id, AccountTokens.Purpose.VERIFY, config.accountTokenTtl())
                    .chain(token -> send(account.email, "[Tarkka] Verify your email", """
                            Someone, hopefully you, registered this address with Tarkka at %1$s.
                            Open this link to verify it (it works once, for %2$s):

                            %1$s/api/v0/auth/verify-email/%3$s

                            or send the token: POST %1$s/api/v0/auth/verify {"token": "%3$s"}
                            If it was not you, ignore this mail.
                            """.formatted(publicUrl, config.accountTokenTtl(), token)));
        }));
    }

    /** Verifies the account the token was sent to (once). */
    public Uni<UserAccount> verify(String token) {
        return tokens.consume(token, AccountTokens.Purpose.VERIFY)
                .onItem().ifNull().failWith(() -> ApiException.badRequest(BAD_VERIFY_TOKEN))
                .chain(users::findById)
                .onItem().ifNull().failWith(() -> ApiException.badRequest(BAD_VERIFY_TOKEN))
                .chain(account -> {
                    if (account.verified) {
                        return Uni.createFrom().failure(ApiException.badRequest(ALREADY_VERIFIED));
                    }
                    account.verified = true;
                    return users.update(account);
                });
    }

    /** Sends a reset link to an active account of that email; nothing otherwise. */
    public void forgotPassword(String email) {
        background("password reset", users.findByEmail(email).chain(account -> {
            if (account == null || !account.active) {
                return Uni.createFrom().voidItem();
            }
            return tokens.issue(account.id, AccountTokens.Purpose.RESET, config.accountTokenTtl())
                    .chain(token -> send(account.email, "[Tarkka] Reset your password", """
                            Someone, hopefully you, asked to reset the password of this address at %1$s.
                            The reset token (it works once, for %2$s):

                            %3$s

                            Set a new password: POST %1$s/api/v0/auth/reset-password {"token": "%3$s", "password": "..."}
                            If it was not you, ignore this mail: the password stays as it is.
                            """.formatted(publicUrl, config.accountTokenTtl(), token)));
        }));
    }

    /** Sets the password of the account the token was sent to (once); the account's login sessions end. */
    public Uni<Void> resetPassword(String token, String password) {
        return tokens.consume(token, AccountTokens.Purpose.RESET)
                .onItem().ifNull().failWith(() -> ApiException.badRequest(BAD_RESET_TOKEN))
                .chain(users::findById)
                .onItem().ifNull().failWith(() -> ApiException.badRequest(BAD_RESET_TOKEN))
                .chain(account -> hasher.hash(password).chain(hash -> {
                    account.hashedPassword = hash;
                    account.sessionVersion++;
                    // the link came to this address: it is verified now
                    account.verified = true;
                    return users.update(account);
                }))
                .replaceWithVoid();
    }

    private Uni<Void> send(String to, String subject, String text) {
        if (from.isEmpty()) {
            LOG.warnf("No mail to %s sent: quarkus.mailer.from is not configured", to);
            return Uni.createFrom().voidItem();
        }
        return mailer.send(Mail.withText(to, subject, text));
    }

    /** Work whose outcome the client must not learn (nor wait for): done after the answer, failures logged. */
    private static void background(String what, Uni<Void> work) {
        work.subscribe().with(done -> {
        }, e -> LOG.warnf("Account %s mail not sent: %s", what, e.getMessage()));
    }
}
