package dev.tarkka.series;

import dev.tarkka.error.ApiException;

/** Test names are free-form paths ({@code org/repo/branch/bench}); only what cannot work is refused. */
public final class TestNames {

    /** Long enough for any real hierarchy, short enough to index. */
    public static final int MAX_LENGTH = 1024;

    private TestNames() {
    }

    public static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("Test name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw ApiException.badRequest("Test name is longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("Test name must not contain NUL characters");
        }
        return name;
    }
}
