package dev.tarkka.auth;

import java.time.Instant;
import java.util.Locale;

import org.bson.codecs.pojo.annotations.BsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoEntity;

/**
 * A team that owns tests. Its id is an owner id like a user's: every store keyed by {@code user_id} holds its
 * tests, reports and settings unchanged. Its name is the first path segment of its tests' names and never
 * changes.
 */
@MongoEntity(collection = "organizations")
public class Organization extends ReactivePanacheMongoEntity {

    public String name;
    /** Lower-cased name: the unique key, so {@code Team} and {@code team} are one organization. */
    @BsonProperty("name_key")
    public String nameKey;
    public Instant created;

    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
