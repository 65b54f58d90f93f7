package dev.tarkka.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape: {@code {"detail": ...}}, plus, on the server's own failures (5xx), the {@code request_id} of
 * the request (also its {@code X-Request-Id} header and in its log lines) and, on unexpected ones, an
 * {@code error_id}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ErrorBody", examples = "{\"detail\": \"Not Found\"}")
public record ErrorBody(
        @Schema(required = true, description = "What went wrong: a message, or an object for some 400s (a duplicate's key)",
                anyOf = { String.class, Object.class }) Object detail,
        @Schema(description = "On 500 only: the id of the log entry with the stack trace") String errorId,
        @Schema(description = "On 5xx: the request's id, as in its X-Request-Id header and its log lines") String requestId) {

    public ErrorBody(Object detail) {
        this(detail, null, null);
    }

    /**
     * The same body, answered with {@code status} to request {@code requestId} (null: unknown). A 5xx names the
     * request, for the report the client sends; a 4xx body stays exactly Nyrkio's, which clients compare whole (one
     * request's 404 must read like another's), and has the id in its X-Request-Id header only.
     */
    public ErrorBody forRequest(int status, String requestId) {
        return status >= 500 ? new ErrorBody(detail, errorId, requestId) : this;
    }
}
