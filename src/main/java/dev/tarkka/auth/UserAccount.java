package dev.tarkka.auth;

import java.time.Instant;
import java.util.Locale;

import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoEntity;

/** A registered user (Nyrkio's {@code User} collection; the email is unique ignoring case). */
@MongoEntity(collection = "User")
public class UserAccount extends ReactivePanacheMongoEntity {

    public String email;
    /** Lower-cased email: the unique key, so {@code A@x} and {@code a@x} are one account. */
    @BsonProperty("email_key")
    public String emailKey;
    @BsonProperty("hashed_password")
    public String hashedPassword;
    @BsonProperty("is_active")
    public boolean active = true;
    @BsonProperty("is_superuser")
    public boolean superuser;
    @BsonProperty("is_verified")
    public boolean verified;
    public Instant created;
    /**
     * Login tokens carry the version they were issued at; changing the password moves it on, so every login
     * session made before is refused (API tokens are revoked one by one instead).
     */
    @BsonProperty("session_version")
    public long sessionVersion;

    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
