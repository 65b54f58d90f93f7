package dev.tarkka.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.smallrye.mutiny.Multi;

/** The ids of all active accounts, for work done across users. */
@ApplicationScoped
public class AccountDirectory {

    private final UserRepository users;

    AccountDirectory(UserRepository users) {
        this.users = users;
    }

    public Multi<ObjectId> userIds() {
        return users.active().map(account -> account.id);
    }
}
