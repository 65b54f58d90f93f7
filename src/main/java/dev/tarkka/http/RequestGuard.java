package dev.tarkka.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks every request before anything reads it, and answers what it refuses with JSON:
 * <ul>
 * <li>request targets that are not valid URIs, such as a malformed percent-escape (400). Quarkus's HTTP layer
 * would refuse them with an empty 400; {@link dev.tarkka.TarkkaMain} hands that check over to this guard, which
 * makes it first, before anything reads the path;</li>
 * <li>bodies over {@code quarkus.http.limits.max-body-size} (413), whether their {@code Content-Length} says so
 * or a chunked body grows past it: Quarkus would otherwise cut a too-long chunked body off with an empty 413;</li>
 * <li>more than one {@code Authorization} header (401);</li>
 * <li>request lines over {@value #MAX_URI_LENGTH} characters (414);</li>
 * <li>paths the API could not map back to exactly one test name (400): bad percent-escapes or UTF-8, NUL,
 * {@code .}/{@code ..} or empty segments, matrix parameters, a trailing slash after a test name. The HTTP
 * layer normalises such paths, so {@code DELETE /result/x/../y} would otherwise delete test {@code y}.</li>
 * </ul>
 * It also answers with JSON the requests the router refuses by itself (a path it cannot decode).
 */
@ApplicationScoped
public class RequestGuard {

    /**
     * Right after {@link RequestLog} (a refused request still has its id and its log line); the other checks of the
     * HTTP edge come after it.
     */
    static final int ORDER = RequestLog.ORDER + 1;
    private static final String API = "/api/";
    /**
     * Longer request lines are refused before routing: matching the path templates of test names costs time
     * that grows with the square of the path length, on the event loop. (The HTTP codec itself accepts much
     * longer lines, so that this answer can be JSON.)
     */
    static final int MAX_URI_LENGTH = 4096;
    /** Routes followed by a test name, which must not end with '/'. */
    private static final List<String> TEST_NAME_ROUTES = List.of("/api/v0/result/", "/api/v0/orgs/result/",
            "/api/v0/public/result/");

    private final long maxBodyBytes;
    private final BodyHandler unknownLengthBodies;

    RequestGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.unknownLengthBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    /** Right after {@link RequestLog}, before anything reads the request. */
    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(RequestGuard::clientFailure);
    }

    private void check(RoutingContext context) {
        String targetProblem = targetProblem(context.request().uri());
        if (targetProblem != null) {
            reject(context, 400, targetProblem);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            reject(context, 413, "Request body too large");
            return;
        }
        if (context.request().headers().getAll(HttpHeaders.CONTENT_TYPE).size() > 1) {
            reject(context, 400, "More than one Content-Type header");
            return;
        }
        if (context.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            // Which credential counts would be up to whichever layer reads first: ambiguous is refused.
            context.response().putHeader("WWW-Authenticate", "Bearer");
            reject(context, 401, "Unauthorized");
            return;
        }
        if (context.request().uri().length() > MAX_URI_LENGTH) {
            reject(context, 414, "URI Too Long: at most " + MAX_URI_LENGTH + " characters");
            return;
        }
        String path = context.request().path();
        if (path != null && path.startsWith(API)) {
            String problem = pathProblem(path);
            if (problem != null) {
                reject(context, 400, problem);
                return;
            }
        }
        if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)
                && hasBody(context.request().method())) {
            // A body of unknown length is read here, within the limit, so that an oversized one gets the same
            // JSON 413 as one whose Content-Length is too large (the limit fails the context with 413).
            unknownLengthBodies.handle(context);
            return;
        }
        context.next();
    }

    /** Requests the router itself refuses (a path it cannot decode) get JSON too; the rest goes on. */
    private static void clientFailure(RoutingContext context) {
        int status = context.statusCode();
        if (status == 413) {
            reject(context, 413, "Request body too large");
        } else if (status >= 400 && status < 500 && context.failure() == null) {
            answer(context, status, HttpResponseStatus.valueOf(status).reasonPhrase(), false);
        } else {
            context.next();
        }
    }

    /** Why a request target is not a valid URI (the check Quarkus's HTTP layer makes), or null. */
    static String targetProblem(String target) {
        if (target == null) {
            return "The request has no target";
        }
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException e) {
            // The reason without the input: the target can be long and is the client's own anyway.
            return "The request target is not a valid URI: " + e.getReason() + " at index " + e.getIndex();
        }
    }

    /** Why a raw request path cannot be served as it is, or null. */
    static String pathProblem(String rawPath) {
        if (rawPath.indexOf(';') >= 0) {
            return "Matrix parameters (';') are not supported in paths";
        }
        String decoded = Text.percentDecode(rawPath);
        if (decoded == null) {
            return "The path has a malformed percent-escape or is not valid UTF-8";
        }
        if (decoded.indexOf('\0') >= 0) {
            return "The path must not contain NUL characters";
        }
        String[] segments = decoded.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return "Paths must not contain '.' or '..' segments";
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return "Paths must not contain empty segments ('//')";
            }
        }
        for (String route : TEST_NAME_ROUTES) {
            if (decoded.startsWith(route) && decoded.length() > route.length() && decoded.endsWith("/")) {
                return "Test names must not end with '/'";
            }
        }
        return null;
    }

    private static boolean hasBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // a malformed header is the HTTP codec's business
        }
    }

    /** Refuses a request whose body, if any, is left unread: the connection is closed after the answer. */
    static void reject(RoutingContext context, int status, String detail) {
        answer(context, status, detail, true);
    }

    private static void answer(RoutingContext context, int status, String detail, boolean close) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (close) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(new JsonObject().put("detail", detail).encode());
    }
}
