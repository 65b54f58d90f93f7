package dev.tarkka.http;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tarkka.config.TarkkaConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses cross-site request forgery with a JSON 403 {@value #BLOCKED}: a write (any method but GET, HEAD and
 * OPTIONS) that carries the login cookie must come from a page of a {@link TrustedOrigins trusted origin}, checked as
 * Nyrkio checks it (api.md §0.1): the {@code Origin} header, else the {@code Referer}, else {@code Sec-Fetch-Site} and
 * {@code Host}.
 * <p>
 * Unlike Nyrkio, Tarkka's own host counts with its port: a page served by another port of the same host is another
 * origin, yet the browser sends the cookie along (cookies ignore ports, and SameSite=Lax lets same-site requests
 * through). Requests without the cookie, bearer-token API use and logins among them, are not checked: a page of
 * another origin cannot send an {@code Authorization} header without a CORS preflight, which Tarkka never grants.
 */
@ApplicationScoped
public class CsrfGuard {

    static final String BLOCKED = "CSRF blocked";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String loginCookie;
    private final TrustedOrigins trusted;

    CsrfGuard(TarkkaConfig config, @ConfigProperty(name = "mp.jwt.token.cookie") String loginCookie) {
        this.loginCookie = loginCookie;
        this.trusted = new TrustedOrigins(config.publicUrl(), config.csrf().allowedHosts().orElse(List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(SecurityHeaders.ORDER + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (SAFE.contains(request.method()) || request.getCookie(loginCookie) == null
                || trusted.allows(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.REFERER),
                        request.getHeader("Sec-Fetch-Site"), request.getHeader(HttpHeaders.HOST))) {
            context.next();
        } else {
            RequestGuard.reject(context, 403, BLOCKED);
        }
    }
}
