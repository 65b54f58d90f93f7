package dev.tarkka.error;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a 422 answer, in the shape Nyrkio's clients parse (pydantic's):
 * {@code {"type": "missing", "loc": ["body", 0, "attributes", "git_commit"], "msg": "Field required", "input": ...}}.
 * The factories name the entries several parts of the API give, so that each is worded once.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationProblem(String type, List<Object> loc, String msg, Object input) {

    public static ValidationProblem at(List<Object> loc, String type, String msg, Object input) {
        return new ValidationProblem(type, List.copyOf(loc), msg, input);
    }

    public static ValidationProblem missing(List<Object> loc, Object input) {
        return at(loc, "missing", "Field required", input);
    }

    public static ValidationProblem notAList(List<Object> loc, Object input) {
        return at(loc, "list_type", "Input should be a valid list", input);
    }

    public static ValidationProblem notAString(List<Object> loc, Object input) {
        return at(loc, "string_type", "Input should be a valid string", input);
    }

    public static ValidationProblem notAnInteger(List<Object> loc, Object input) {
        return at(loc, "int_parsing", "Input should be a valid integer, unable to parse string as an integer", input);
    }

    public static ValidationProblem integerTooLarge(List<Object> loc, Object input) {
        return at(loc, "int_too_large", "Input should be an integer between -2^63 and 2^63-1", input);
    }

    /** A check of the value itself failed; {@code reason} says which. */
    public static ValidationProblem valueError(List<Object> loc, String reason, Object input) {
        return at(loc, "value_error", "Value error, " + reason, input);
    }

    /** The body is not JSON: {@code reason} is the decoder's. */
    public static ValidationProblem invalidJson(String reason) {
        return at(List.of("body"), "json_invalid", "JSON decode error: " + reason, null);
    }

    /** Text that cannot be stored as sent (unpaired surrogates, NUL). */
    public static ValidationProblem invalidText(List<Object> loc, String msg) {
        return at(loc, "string_unicode", msg, null);
    }

    /** A location built from a parent location and one more step. */
    public static List<Object> loc(List<Object> parent, Object step) {
        List<Object> loc = new ArrayList<>(parent.size() + 1);
        loc.addAll(parent);
        loc.add(step);
        return loc;
    }
}
