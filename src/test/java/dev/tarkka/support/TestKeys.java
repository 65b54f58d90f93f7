package dev.tarkka.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA pair the application under test signs and verifies JWTs with: the packaged app's generated pair
 * when {@link MongoTestResource} made one ({@value #DIRECTORY_PROPERTY}), else the test profile's pair in
 * {@code src/test/resources/test-keys}.
 */
public final class TestKeys {

    public static final String DIRECTORY_PROPERTY = "tarkka.test.jwt-keys";

    private TestKeys() {
    }

    /** The public key file as the application reads it (PEM text). */
    public static String publicKeyPem() {
        return read("public.pem");
    }

    public static PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicKeyPem())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(read("private.pem"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pair the application has never seen. */
    public static KeyPair stranger() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String read(String file) {
        try {
            String dir = System.getProperty(DIRECTORY_PROPERTY);
            if (dir != null) {
                return Files.readString(Path.of(dir, file));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("test-keys/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("test-keys/" + file + " is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
