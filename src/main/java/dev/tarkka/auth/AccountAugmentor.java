package dev.tarkka.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
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
 * active, and an API token must not have been revoked. Roles come from the store, not from the token, so
 * a change of privileges applies at once.
 */
@ApplicationScoped
public class AccountAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(AccountAugmentor.class);

    private final UserRepository users;
    private final ApiTokenRepository tokens;

    AccountAugmentor(UserRepository users, ApiTokenRepository tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getSubject() == null || !ObjectId.isValid(jwt.getSubject())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Token subject is not a user id"));
        }
        return users.findById(new ObjectId(jwt.getSubject()))
                .chain(account -> account == null || !account.active
                        ? Uni.createFrom().failure(new AuthenticationFailedException("No such active user"))
                        : checkRevocation(jwt, account).replaceWith(account))
                .map(account -> build(identity, account));
    }

    private Uni<Void> checkRevocation(JsonWebToken jwt, UserAccount account) {
        if (!TokenIssuer.API.equals(jwt.getClaim(TokenIssuer.TOKEN_USE))) {
            return Uni.createFrom().voidItem();
        }
        return tokens.findById(String.valueOf(jwt.getTokenID()))
                .chain(token -> {
                    if (token == null || !account.id.equals(token.userId)) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("API token revoked"));
                    }
                    // Bookkeeping only: a failed last-use update must not fail the request.
                    tokens.touch(token, Instant.now()).subscribe().with(
                            ignored -> {
                            }, e -> LOG.debugf("Could not record API token use: %s", e.getMessage()));
                    return Uni.createFrom().voidItem();
                });
    }

    private static SecurityIdentity build(SecurityIdentity identity, UserAccount account) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(AuthenticatedUser.ATTRIBUTE, AuthenticatedUser.of(account))
                .addRole("user");
        if (account.superuser) {
            builder.addRole("admin");
        }
        return builder.build();
    }
}
