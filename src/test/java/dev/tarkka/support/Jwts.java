package dev.tarkka.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JWTs built by hand, byte for byte, so attack tests can make the ones no JWT library would: {@code alg: none},
 * HMAC keyed with a public key, claims from the past or the future.
 */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Jwts(String alg) {
        header.put("alg", alg);
        header.put("typ", "JWT");
    }

    /**
     * The claims of a Tarkka login token for user {@code subject}, valid for an hour: each attack changes one
     * thing about it.
     */
    public static Jwts session(String alg, String subject, String email) {
        long now = System.currentTimeMillis() / 1000;
        return new Jwts(alg).claim("iss", "tarkka").claim("sub", subject).claim("upn", email)
                .claim("groups", java.util.List.of("user")).claim("token_use", "session")
                .claim("iat", now).claim("exp", now + 3600);
    }

    public Jwts claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** No signature at all: {@code header.payload.} */
    public String unsigned() {
        return signingInput() + ".";
    }

    public String signRs256(PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput().getBytes(StandardCharsets.US_ASCII));
            return signingInput() + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String signHs256(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput() + "." + BASE64URL.encodeToString(mac.doFinal(signingInput().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signingInput() {
        return part(header) + "." + part(claims);
    }

    private static String part(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
