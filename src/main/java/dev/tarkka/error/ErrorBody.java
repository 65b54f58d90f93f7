package dev.tarkka.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape: {@code {"detail": ...}}, plus an {@code error_id} on unexpected failures and the
 * {@code request_id} of the request (also its {@code X-Request-Id} header and in its log lines).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ErrorBody", examples = "{\"detail\": \"Not Found\", \"request_id\": \"3f0c9a4e6b2d4c1e\"}")
public record ErrorBody(
        @Schema(required = true, description = "What went wrong: a message, or an object for some 400s (a duplicate's key)",
                anyOf = { String.class, Object.class }) Object detail,
        @Schema(description = "On 500 only: the id of the log entry with the stack trace") String errorId,
        @Schema(description = "The request's id, as in its X-Request-Id header and its log lines") String requestId) {

    public ErrorBody(Object detail) {
        this(detail, null, null);
    }

    /**
     * The same body, answered with {@code status} to request {@code requestId} (null: unknown). 401 and 413 keep
     * Nyrkio's exact bodies, which clients compare byte for byte; their request id is in the X-Request-Id header.
     */
    public ErrorBody forRequest(int status, String requestId) {
        return status == 401 || status == 413 ? this : new ErrorBody(detail, errorId, requestId);
    }
}
