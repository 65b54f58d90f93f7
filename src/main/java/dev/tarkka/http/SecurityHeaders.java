package dev.tarkka.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer that keep a browser from doing more with it than Tarkka's pages mean to: a
 * Content-Security-Policy under which only Tarkka's own script and style files run (no inline script, no
 * {@code eval}, no plugins, no framing by other sites), no content-type sniffing, and referrers only within Tarkka.
 * Quarkus's own tools under {@code /q/} are left alone: the Dev UI needs inline scripts.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final int ORDER = RequestGuard.ORDER + 1;
    static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
            "style-src 'self'", "img-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
            "form-action 'self'", "frame-ancestors 'none'");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(SecurityHeaders::add);
    }

    private static void add(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/q/")) {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
        }
        context.next();
    }
}
