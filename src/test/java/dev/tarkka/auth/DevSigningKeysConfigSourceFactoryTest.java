package dev.tarkka.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.jwt.util.KeyUtils;

/** Dev mode's key pair outlives the process; other profiles and configured keys are left alone. */
class DevSigningKeysConfigSourceFactoryTest {

    @TempDir
    Path dir;

    @Test
    void devModeKeepsOneKeyPairAcrossRestarts() throws Exception {
        Map<String, String> config = Map.of(DevSigningKeysConfigSourceFactory.DIRECTORY, dir.toString());
        List<ConfigSource> first = sources("dev", config);
        assertThat(first).hasSize(1);
        assertThat(dir.resolve(KeyPairFiles.PUBLIC_KEY)).as("made on first read, not before").doesNotExist();

        String publicKey = first.get(0).getValue(SigningKeysCheck.PUBLIC_KEY);
        String privateKey = first.get(0).getValue(SigningKeysCheck.PRIVATE_KEY);
        String publicPem = Files.readString(Path.of(publicKey));
        KeyUtils.decodePublicKey(publicPem);
        KeyUtils.decodePrivateKey(Files.readString(Path.of(privateKey)));
        assertThat(Files.getPosixFilePermissions(Path.of(privateKey)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // a restart: a new factory run reads the same files
        ConfigSource restarted = sources("dev", config).get(0);
        assertThat(restarted.getValue(SigningKeysCheck.PUBLIC_KEY)).isEqualTo(publicKey);
        assertThat(Files.readString(Path.of(publicKey))).isEqualTo(publicPem);
        assertThat(restarted.getValue("quarkus.http.port")).isNull();
        assertThat(restarted.getPropertyNames()).isEmpty();
    }

    @Test
    void productionAndConfiguredKeysAreLeftAlone() throws IOException {
        assertThat(sources("prod", Map.of(DevSigningKeysConfigSourceFactory.DIRECTORY, dir.toString()))).isEmpty();
        assertThat(sources("test", Map.of(DevSigningKeysConfigSourceFactory.DIRECTORY, dir.toString()))).isEmpty();
        assertThat(sources("dev", Map.of())).isEmpty();
        assertThat(sources("dev", Map.of(DevSigningKeysConfigSourceFactory.DIRECTORY, dir.toString(),
                SigningKeysCheck.PUBLIC_KEY, "/etc/tarkka/public.pem"))).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static List<ConfigSource> sources(String profile, Map<String, String> config) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = config.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return List.of(profile);
            }
        };
        return StreamSupport.stream(new DevSigningKeysConfigSourceFactory().getConfigSources(context).spliterator(), false)
                .toList();
    }
}
