package dev.tarkka.auth;

import org.bson.types.ObjectId;

import io.smallrye.mutiny.Uni;

/**
 * Something every new account gets, implemented by the feature that provides it (the example test, say), so
 * that accounts do not depend on those features. Best effort: registration does not fail when setup does.
 */
public interface AccountSetup {

    Uni<Void> setUp(ObjectId userId);
}
