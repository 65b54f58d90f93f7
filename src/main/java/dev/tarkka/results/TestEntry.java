package dev.tarkka.results;

/** One test in a listing: {@code {"test_name": "..."}} (api.md §4.1). */
public record TestEntry(String testName) {
}
