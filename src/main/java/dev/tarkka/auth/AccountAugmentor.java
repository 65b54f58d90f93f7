package dev.tarkka.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified JWT into a Tarkka user. A signature is not enough: the account must still exist and be
 * active, and an API token must not have been revoked. Roles come from the store, not from the token: a change
 * applies at once on the replica that made it and within {@code tarkka.auth.account-cache-ttl} on the others.
 */
@ApplicationScoped
public class AccountAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(AccountAugmentor.class);

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final long clockSkewSeconds;

    AccountAugmentor(UserRepository users, ApiTokenRepository tokens,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.users = users;
        this.tokens = tokens;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getSubject() == null || !ObjectId.isValid(jwt.getSubject())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token subject is not a user id"));
        }
        if (issuedInTheFuture(jwt)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token issued in the future"));
        }
        return users.findCaller(new ObjectId(jwt.getSubject()))
                .chain(account -> account == null || !account.active
                        ? Uni.createFrom().failure(new AuthenticationFailedException("No such active user"))
                        : checkRevocation(jwt, account).map(scope -> build(identity, account, scope)));
    }

    /**
     * SmallRye JWT checks {@code exp} and {@code nbf} but not {@code iat}. Tarkka dates every token it signs
     * with its own clock, so one issued later than now (beyond the clock skew) was not made by Tarkka.
     */
    private boolean issuedInTheFuture(JsonWebToken jwt) {
        Long issuedAt = jwt.getClaim(Claims.iat);
        return issuedAt != null && issuedAt > Instant.now().getEpochSecond() + clockSkewSeconds;
    }

    /** Fails for a revoked API token; otherwise the organization an API token is scoped to, or null. */
    private Uni<ObjectId> checkRevocation(JsonWebToken jwt, UserAccount account) {
        if (!TokenIssuer.API.equals(jwt.getClaim(TokenIssuer.TOKEN_USE))) {
            // a login session made before the password changed is over
            Object version = jwt.getClaim(TokenIssuer.SESSION_VERSION);
            long issuedAt = version instanceof Number number ? number.longValue()
                    : version == null ? 0 : parse(version.toString());
            return issuedAt == account.sessionVersion ? Uni.createFrom().nullItem()
                    : Uni.createFrom().failure(new AuthenticationFailedException("Login session revoked"));
        }
        return tokens.findPresented(String.valueOf(jwt.getTokenID()))
                .chain(token -> {
                    if (token == null || !account.id.equals(token.userId)) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("API token revoked"));
                    }
                    // Bookkeeping only: a failed last-use update must not fail the request.
                    tokens.touch(token, Instant.now()).subscribe().with(
                            ignored -> {
                            }, e -> LOG.debugf("Could not record API token use: %s", e.getMessage()));
                    return Uni.createFrom().item(token.orgId);
                });
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SecurityIdentity build(SecurityIdentity identity, UserAccount account, ObjectId orgScope) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(AuthenticatedUser.ATTRIBUTE, AuthenticatedUser.of(account, orgScope))
                .addRole("user");
        if (account.superuser) {
            builder.addRole("admin");
        }
        return builder.build();
    }
}
