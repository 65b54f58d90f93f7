package dev.tarkka.auth;

import org.bson.types.ObjectId;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of an authenticated request, as loaded from the store for this request. {@code orgScope} is the
 * organization an organization-scoped API token acts for, null otherwise.
 */
public record AuthenticatedUser(ObjectId id, String email, boolean active, boolean superuser, boolean verified,
        ObjectId orgScope) {

    static final String ATTRIBUTE = "tarkka.user";

    static AuthenticatedUser of(UserAccount account, ObjectId orgScope) {
        return new AuthenticatedUser(account.id, account.email, account.active, account.superuser, account.verified,
                orgScope);
    }

    /** The caller of a request that passed {@code @Authenticated}. */
    public static AuthenticatedUser from(SecurityIdentity identity) {
        AuthenticatedUser user = identity.getAttribute(ATTRIBUTE);
        if (user == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return user;
    }
}
