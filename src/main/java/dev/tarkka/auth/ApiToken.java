package dev.tarkka.auth;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoEntityBase;

/**
 * A CI API token, keyed by the {@code jti} of the JWT handed out once. The token is valid only while this
 * document exists: revocation deletes it, and every replica sees that on the next request.
 */
@MongoEntity(collection = "api_tokens")
public class ApiToken extends ReactivePanacheMongoEntityBase {

    @BsonId
    public String id;
    @BsonProperty("user_id")
    public ObjectId userId;
    /** The organization the token acts for, or null: a token of the user's own. */
    @BsonProperty("org_id")
    public ObjectId orgId;
    public Instant created;
    @BsonProperty("last_used")
    public Instant lastUsed;
}
