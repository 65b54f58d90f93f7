package dev.tarkka.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Dev mode keeps its JWT key pair in files ({@code tarkka.auth.dev-keys-dir}, {@code ./data/dev-keys} beside the
 * embedded store), generated on first use, so tokens made before a restart of dev mode still work after it.
 * Quarkus's own dev keys live in memory and die with the process.
 * <p>
 * Only in the dev profile and only when neither key location is configured: production still refuses to start
 * without keys an operator configured ({@link SigningKeysCheck}). Like the embedded store's factory, this one
 * also runs at build time, so the files are made only when a key location is first read.
 */
public class DevSigningKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String DIRECTORY = "tarkka.auth.dev-keys-dir";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String directory = value(context, DIRECTORY);
        if (!context.getProfiles().contains("dev") || directory == null
                || value(context, SigningKeysCheck.PUBLIC_KEY) != null
                || value(context, SigningKeysCheck.PRIVATE_KEY) != null) {
            return List.of();
        }
        return List.of(new DevKeysSource(Path.of(directory).toAbsolutePath()));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private record DevKeysSource(Path directory) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(); // listing the properties must not generate keys
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public String getValue(String propertyName) {
            String file = switch (propertyName) {
                case SigningKeysCheck.PUBLIC_KEY -> KeyPairFiles.PUBLIC_KEY;
                case SigningKeysCheck.PRIVATE_KEY -> KeyPairFiles.PRIVATE_KEY;
                default -> null;
            };
            if (file == null) {
                return null;
            }
            KeyPairFiles.ensure(directory);
            return directory.resolve(file).toString();
        }

        @Override
        public String getName() {
            return "tarkka-dev-signing-keys";
        }

        @Override
        public int getOrdinal() {
            // Below every configured source: keys an operator configures always win.
            return 50;
        }
    }
}
