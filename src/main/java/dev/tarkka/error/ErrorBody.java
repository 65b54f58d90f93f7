package dev.tarkka.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape: {@code {"detail": ...}}, plus an {@code error_id} on unexpected failures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(Object detail, String errorId) {

    public ErrorBody(Object detail) {
        this(detail, null);
    }
}
