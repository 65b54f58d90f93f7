package dev.tarkka.error;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a 422 answer, in the shape Nyrkio's clients parse:
 * {@code {"type": "missing", "loc": ["body", 0, "attributes", "git_commit"], "msg": "Field required", "input": ...}}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationProblem(String type, List<Object> loc, String msg, Object input) {

    public static ValidationProblem at(List<Object> loc, String type, String msg, Object input) {
        return new ValidationProblem(type, List.copyOf(loc), msg, input);
    }

    /** A location built from a parent location and one more step. */
    public static List<Object> loc(List<Object> parent, Object step) {
        List<Object> loc = new ArrayList<>(parent.size() + 1);
        loc.addAll(parent);
        loc.add(step);
        return loc;
    }
}
