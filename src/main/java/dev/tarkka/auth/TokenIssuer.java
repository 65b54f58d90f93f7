package dev.tarkka.auth;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tarkka.config.TarkkaConfig;
import io.smallrye.jwt.build.Jwt;

/** Mints the RS256 JWTs Tarkka hands out: expiring login tokens and long-lived, revocable API tokens. */
@ApplicationScoped
public class TokenIssuer {

    /** Claim telling login tokens from API tokens; only API tokens are checked against the revocation list. */
    public static final String TOKEN_USE = "token_use";
    public static final String SESSION = "session";
    public static final String API = "api";
    /** Claim of login tokens: the account's session version when it was issued. */
    static final String SESSION_VERSION = "sv";
    /** "Never" for API tokens without a configured lifetime: the largest date every JWT library accepts. */
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final TarkkaConfig.Auth config;

    TokenIssuer(TarkkaConfig config) {
        this.config = config.auth();
    }

    public String sessionToken(UserAccount user) {
        Instant now = Instant.now();
        return Jwt.subject(user.id.toHexString())
                .upn(user.email)
                .groups(Set.of("user"))
                .claim(TOKEN_USE, SESSION)
                .claim(SESSION_VERSION, user.sessionVersion)
                .issuedAt(now)
                .expiresAt(now.plus(config.sessionTtl()))
                .sign();
    }

    public String apiToken(UserAccount user, ApiToken token) {
        Instant expiry = config.apiTokenTtl().map(token.created::plus).orElse(NEVER);
        return Jwt.subject(user.id.toHexString())
                .upn(user.email)
                .groups(Set.of("user"))
                .claim(TOKEN_USE, API)
                .claim("jti", token.id)
                .issuedAt(token.created)
                .expiresAt(expiry)
                .sign();
    }
}
