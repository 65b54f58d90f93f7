package dev.tarkka.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An RSA key pair for signing and verifying JWTs, as the two PEM files SmallRye JWT reads (and
 * {@code openssl genpkey} / {@code openssl rsa -pubout} write): {@value #PUBLIC_KEY} and {@value #PRIVATE_KEY}.
 */
public final class KeyPairFiles {

    public static final String PUBLIC_KEY = "public.pem";
    public static final String PRIVATE_KEY = "private.pem";

    private KeyPairFiles() {
    }

    /**
     * Writes a new pair into {@code directory} unless both files are there already. Each file appears whole or
     * not at all; the private key is readable by its owner only.
     */
    public static synchronized void ensure(Path directory) {
        Path publicKey = directory.resolve(PUBLIC_KEY);
        Path privateKey = directory.resolve(PRIVATE_KEY);
        if (Files.exists(publicKey) && Files.exists(privateKey)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            write(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a JWT key pair to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a JWT key pair", e);
        }
    }

    private static void write(Path file, String content, boolean secret) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content);
        if (secret && partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
