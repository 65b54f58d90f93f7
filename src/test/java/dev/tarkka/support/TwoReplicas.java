package dev.tarkka.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged jar on one store, as two replicas behind a load balancer: {@code a} runs the
 * embedded store, {@code b} connects to it. Both are stopped after each test.
 */
public abstract class TwoReplicas {

    @TempDir
    protected Path dir;

    protected PackagedApp a;
    protected PackagedApp b;

    /** Starts both, each with {@code env} added to its environment. */
    protected void startReplicas(String name, Map<String, String> env) throws IOException, InterruptedException {
        int storePort = PackagedApp.freePort();
        Map<String, String> first = new HashMap<>(PackagedApp.embeddedStore(dir.resolve("store.mv"), storePort));
        first.putAll(env);
        a = PackagedApp.of(name + "-a", dir.resolve("keys"), first).start("a");
        Map<String, String> second = new HashMap<>(env);
        second.put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + storePort);
        b = PackagedApp.of(name + "-b", dir.resolve("keys"), second).start("b");
    }

    @AfterEach
    void stopReplicas() throws InterruptedException {
        for (PackagedApp app : new PackagedApp[] { b, a }) {
            if (app != null && app.isAlive()) {
                app.stop();
            }
        }
    }
}
