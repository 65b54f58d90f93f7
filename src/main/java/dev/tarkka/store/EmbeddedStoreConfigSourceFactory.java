package dev.tarkka.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code quarkus.mongodb.connection-string} from the embedded store when
 * {@code tarkka.store.embedded=true} and no connection string is configured elsewhere.
 * <p>
 * The factory also runs at build time, so the server starts only when the value is first read, and
 * {@link ConfigSource#getPropertyNames()} stays empty so that listing properties never starts it.
 */
public class EmbeddedStoreConfigSourceFactory implements ConfigSourceFactory {

    static final String CONNECTION_STRING = "quarkus.mongodb.connection-string";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!Boolean.parseBoolean(value(context, "tarkka.store.embedded", "false"))
                || value(context, CONNECTION_STRING, null) != null) {
            return List.of();
        }
        EmbeddedStore.Settings settings = new EmbeddedStore.Settings(
                value(context, "tarkka.store.embedded.path", "./data/tarkka.mv"),
                Integer.parseInt(value(context, "tarkka.store.embedded.port", "0")),
                Integer.parseInt(value(context, "tarkka.store.embedded.cache-size", "64")),
                Boolean.parseBoolean(value(context, "tarkka.store.embedded.sync", "true")));
        return List.of(new EmbeddedStoreConfigSource(settings));
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    private record EmbeddedStoreConfigSource(EmbeddedStore.Settings settings) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public String getValue(String propertyName) {
            return CONNECTION_STRING.equals(propertyName) ? EmbeddedStore.connectionString(settings) : null;
        }

        @Override
        public String getName() {
            return "tarkka-embedded-store";
        }

        @Override
        public int getOrdinal() {
            // Below application.properties (250) and the environment (300): a real store always wins.
            return 50;
        }
    }
}
