package dev.tarkka.notify;

import java.util.List;

import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;

/** The {@code ?notify=<int>} of Nyrkio's change reads: an integer, non-zero to notify (api.md §4.7). */
public final class NotifyQuery {

    private NotifyQuery() {
    }

    /** Whether the query asks for notifications; a 422 when it is not an integer. */
    public static boolean requested(String notify) {
        if (notify == null) {
            return false;
        }
        if (!notify.matches("[+-]?[0-9]{1,9}")) {
            throw ApiException.invalid(ValidationProblem.notAnInteger(List.of("query", "notify"), notify));
        }
        return Integer.parseInt(notify) != 0;
    }
}
