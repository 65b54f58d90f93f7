package dev.tarkka.auth;

import jakarta.enterprise.context.RequestScoped;

import org.bson.types.ObjectId;

import io.quarkus.security.identity.SecurityIdentity;

/** The user making the current request, for resources behind {@code @Authenticated}. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public AuthenticatedUser user() {
        return AuthenticatedUser.from(identity);
    }

    /** The caller's user id: the owner of everything they upload. */
    public ObjectId id() {
        return user().id();
    }
}
