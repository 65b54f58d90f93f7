package dev.tarkka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application in the prod profile refuses to start without usable JWT keys, and says why in
 * one line, instead of starting and failing every authenticated request.
 */
class SigningKeysIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutKeys() throws Exception {
        Started run = start(Map.of());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Refusing to start: JWT keys are not configured");
    }

    @Test
    void refusesToStartWithUnreadableKeys() throws Exception {
        Path garbage = Files.writeString(dir.resolve("public.pem"), "not a key");
        Started run = start(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", garbage.toString(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", dir.resolve("missing.pem").toString()));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Refusing to start: cannot read the JWT public key " + garbage);
    }

    record Started(int exitCode, String output) {
    }

    private Started start(Map<String, String> keys) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString());
        builder.environment().remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        builder.environment().remove("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        builder.environment().put("TARKKA_STORE_EMBEDDED", "true");
        builder.environment().put("TARKKA_STORE_EMBEDDED_PATH", dir.resolve("store.mv").toString());
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(keys);
        builder.redirectErrorStream(true);
        Path log = dir.resolve("out.log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application started instead of refusing: " + Files.readString(log));
        }
        return new Started(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
