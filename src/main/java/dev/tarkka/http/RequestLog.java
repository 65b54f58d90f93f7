package dev.tarkka.http;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id and logs one line when it ends. The id is the caller's {@code X-Request-Id} when it
 * is a plausible one (a proxy or ingress in front of Tarkka may have set it), otherwise a new one; it is answered
 * in the {@code X-Request-Id} header, put into 5xx error bodies, and into the MDC ({@code request_id}), so that every
 * log line of the request carries it (in JSON logs: {@code mdc.request_id}).
 * <p>
 * Successful requests to the operations endpoints ({@code /q/}: probes, metrics scrapes) are not logged: they
 * would drown the others.
 * <p>
 * It also names the request for the HTTP metrics until a route names it: Quarkus counts a request under its route
 * template, which Quarkus REST puts into the request context ({@value #ROUTE_TEMPLATE}), and under its raw path when
 * there is none. Requests that no route takes (refused by {@link RequestGuard}, a method a path does not allow)
 * would then add one series per path sent; they are counted as {@value #UNMATCHED} instead.
 */
@ApplicationScoped
public class RequestLog {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key of the request id. */
    public static final String MDC_KEY = "request_id";
    /** The first route of all: every request, even one refused at the edge, gets its id. */
    static final int ORDER = Integer.MIN_VALUE;
    /** The MDC key of the error id of a request that failed unexpectedly. */
    public static final String ERROR_ID_MDC_KEY = "error_id";
    private static final String ID = "tarkka.request-id";
    private static final String ERROR_ID = "tarkka.error-id";
    static final String ROUTE_TEMPLATE = "UrlPathTemplate";
    static final String UNMATCHED = "UNMATCHED";
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    /** First of all routes, so that every answer, a refusal by {@link RequestGuard} included, has an id. */
    void install(@Observes Router router) {
        router.route().order(ORDER).handler(RequestLog::start);
    }

    private static void start(RoutingContext context) {
        String rerouted = context.get(ID);
        if (rerouted != null) {
            // the same request, sent on to another path (/openapi.json): a reroute clears the response headers
            context.response().putHeader(HEADER, rerouted);
            context.next();
            return;
        }
        String given = context.request().getHeader(HEADER);
        String id = given != null && PLAUSIBLE.matcher(given).matches() ? given : newId();
        context.put(ID, id);
        context.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        if (!context.request().path().startsWith("/q/")) { // Quarkus leaves its own endpoints out of the metrics
            countAs(UNMATCHED);
        }
        long started = System.nanoTime();
        context.addEndHandler(ended -> logEnd(context, started));
        context.next();
    }

    private static void logEnd(RoutingContext context, long started) {
        int status = context.response().getStatusCode();
        String path = context.request().path();
        if (status < 400 && path != null && path.startsWith("/q/")) {
            return;
        }
        // The end handler may run outside the request's context, whose log context it then does not see: set it
        // for this line, and take it away again, so that it cannot stick to the thread.
        String errorId = context.get(ERROR_ID);
        MDC.put(MDC_KEY, id(context));
        if (errorId != null) {
            MDC.put(ERROR_ID_MDC_KEY, errorId);
        }
        try {
            LOG.infof("%s %s %d %d ms%s", context.request().method(), path, status, (System.nanoTime() - started) / 1_000_000,
                    errorId == null ? "" : " error_id=" + errorId);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(ERROR_ID_MDC_KEY);
        }
    }

    /** The name the HTTP metrics count the current request under, unless a route gives its own template. */
    static void countAs(String template) {
        ContextLocals.put(ROUTE_TEMPLATE, template);
    }

    /** The id of the request {@code context}, or null for a context this class has not seen. */
    public static String id(RoutingContext context) {
        return context == null ? null : context.get(ID);
    }

    /** Records that the request failed unexpectedly, with the error id the client got: its request line shows it. */
    public static void failed(RoutingContext context, String errorId) {
        if (context != null) {
            context.put(ERROR_ID, errorId);
        }
    }

    /** 16 hex digits: short enough to read out, unique enough to find one request in the logs. */
    private static String newId() {
        return String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
}
