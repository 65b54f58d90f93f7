package dev.tarkka.auth;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoEntity;

/** A user's role in an organization; one per (organization, user). */
@MongoEntity(collection = "org_members")
public class Membership extends ReactivePanacheMongoEntity {

    @BsonProperty("org_id")
    public ObjectId orgId;
    @BsonProperty("user_id")
    public ObjectId userId;
    public String role;
    public Instant created;

    public OrgRole orgRole() {
        return OrgRole.of(role);
    }
}
