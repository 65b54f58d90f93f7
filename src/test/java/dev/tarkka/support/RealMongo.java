package dev.tarkka.support;

import java.util.UUID;

import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A real MongoDB for the tests, when one is at hand: {@code -Dtarkka.test.mongodb=<connection string>}, or
 * {@code -Dtarkka.test.mongodb=container} for a {@code mongo:7} container started once per test JVM (needs Docker).
 * Without the property there is none, and the tests use the embedded wire-protocol server.
 */
public final class RealMongo {

    public static final String PROPERTY = "tarkka.test.mongodb";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static MongoDBContainer container;

    private RealMongo() {
    }

    /** The connection string of the real MongoDB to test against, or null for the embedded one. */
    public static synchronized String connectionString() {
        String wanted = System.getProperty(PROPERTY, "").trim();
        if (wanted.isEmpty()) {
            return null;
        }
        if (!wanted.equals("container")) {
            return wanted;
        }
        if (container == null) {
            container = new MongoDBContainer("mongo:7");
            container.start(); // a single-member replica set; stopped with the JVM by Testcontainers
        }
        return container.getReplicaSetUrl();
    }

    /** A database of this test run's own, so that runs against a shared server do not see each other's data. */
    public static String databaseForThisRun() {
        return "tarkka-test-" + RUN;
    }
}
