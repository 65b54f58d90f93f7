package dev.tarkka.error;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A failure the client can act on: answered with {@code status} and {@code {"detail": detail}}, where the
 * detail is a string or an object, exactly as the API documents it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient Object detail;
    private final transient Map<String, String> headers;

    public ApiException(int status, Object detail) {
        this(status, detail, Map.of());
    }

    public ApiException(int status, Object detail, Map<String, String> headers) {
        super(String.valueOf(detail), null, false, false);
        this.status = status;
        this.detail = detail;
        this.headers = headers;
    }

    public static ApiException badRequest(Object detail) {
        return new ApiException(400, detail);
    }

    public static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException validation(List<ValidationProblem> problems) {
        return new ApiException(422, problems);
    }

    /** A 422 with one problem. */
    public static ApiException invalid(ValidationProblem problem) {
        return validation(List.of(problem));
    }

    /** Unparseable JSON: a 422 like every other body problem. */
    public static ApiException malformedJson(JsonProcessingException e) {
        return invalid(ValidationProblem.invalidJson(e.getOriginalMessage()));
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
