package dev.tarkka.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ErrorBody;
import dev.tarkka.error.ValidationProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.CompositeException;

/**
 * The single place where failures become HTTP answers. Every answer is JSON; unexpected failures are
 * logged once, with the stack trace and the same {@code error_id} the client receives.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    /** Seconds a client should wait before retrying after a 503. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final CurrentVertxRequest request;

    ErrorMappers(CurrentVertxRequest request) {
        this.request = request;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), new ErrorBody(e.detail()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json); // a body the JSON reader could not parse
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type != null ? type.getReasonPhrase() : e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, new ErrorBody(reason)).build();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthorized(RuntimeException e) {
        return json(401, new ErrorBody("Unauthorized")).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, new ErrorBody("Forbidden")).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ValidationProblem> problems = e.getConstraintViolations().stream()
                .map(ErrorMappers::problem)
                .toList();
        return json(422, new ErrorBody(problems)).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return api(ApiException.malformedJson(e));
    }

    /** JSON of the wrong shape for a bound body (an array where an object belongs, a list for a string). */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        e.getPath().forEach(ref -> loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()));
        return api(ApiException.invalid(ValidationProblem.at(loc, "type_error",
                "Input has the wrong type: " + e.getOriginalMessage(), null)));
    }

    /**
     * The store cannot be reached right now. A pool-cleared failure is the same condition seen from an operation
     * that was waiting when the driver lost the server (it is not a MongoSocketException): retryable, not a 500.
     */
    @ServerExceptionMapper({ MongoTimeoutException.class, MongoSocketException.class,
            MongoConnectionPoolClearedException.class })
    public Response storeUnavailable(RuntimeException e) {
        LOG.warnf("Store unavailable: %s", e.getMessage());
        return json(503, new ErrorBody("Store unavailable, retry later"))
                .header("Retry-After", Long.toString(RETRY_AFTER_SECONDS)).build();
    }

    /** Mutiny combines failures; the first one is what went wrong. */
    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable first = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
        if (first instanceof ApiException api) {
            return api(api);
        } else if (first instanceof WebApplicationException web) {
            return webApplication(web);
        } else if (isStoreUnavailable(first)) {
            return storeUnavailable((RuntimeException) first);
        }
        return unexpected(first);
    }

    /** The failures {@link #storeUnavailable} maps, when they come wrapped. */
    private static boolean isStoreUnavailable(Throwable e) {
        return e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoConnectionPoolClearedException;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        RequestLog.failed(request.getCurrent(), errorId);
        LOG.errorf(e, "Unexpected failure, error_id=%s", errorId);
        return json(500, new ErrorBody("Internal error", errorId, null)).build();
    }

    /**
     * A bean-validation failure as Nyrkio reports it: {@code loc} is the path inside the body (the method and
     * parameter nodes of the property path are left out), a missing value is {@code missing}/"Field required".
     */
    private static ValidationProblem problem(ConstraintViolation<?> violation) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                loc.add(SNAKE_CASE.translate(node.getName()));
            }
        }
        boolean missing = violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
        return missing ? ValidationProblem.missing(loc, null)
                : ValidationProblem.at(loc, "value_error", violation.getMessage(), violation.getInvalidValue());
    }

    private Response.ResponseBuilder json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.forRequest(status, RequestLog.id(request.getCurrent())));
    }
}
