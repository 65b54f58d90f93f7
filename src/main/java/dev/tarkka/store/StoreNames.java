package dev.tarkka.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;

import org.bson.Document;

/** Collection names (Nyrkio's, so data stays interchangeable) and typed access to them. */
@ApplicationScoped
public class StoreNames {

    public static final String RESULTS = "test_results";
    public static final String USERS = "User";
    public static final String API_TOKENS = "api_tokens";
    public static final String USER_CONFIG = "user_config";
    public static final String DISABLED_METRICS = "metrics";
    public static final String CHANGE_POINTS = "change_points";
    public static final String SUMMARIES = "summaries";
    public static final String LOGIN_FAILURES = "login_failures";
    public static final String NOTIFICATIONS = "notifications";
    public static final String SERIES_HEADS = "series_heads";
    public static final String SERIES_CHUNKS = "series_chunks";
    public static final String PULL_TESTS = "pull_tests";
    public static final String MIGRATIONS = "migrations";
    public static final String ORGANIZATIONS = "organizations";
    public static final String ORG_MEMBERS = "org_members";
    public static final String TEST_CONFIG = "test_config";
    public static final String ACCOUNT_TOKENS = "account_tokens";

    private final ReactiveMongoClient client;
    private final String database;

    StoreNames(ReactiveMongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    public String database() {
        return database;
    }

    public ReactiveMongoCollection<Document> collection(String name) {
        return client.getDatabase(database).getCollection(name);
    }
}
