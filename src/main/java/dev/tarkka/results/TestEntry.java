package dev.tarkka.results;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One test in a listing: {@code {"test_name": "..."}} (api.md §4.1). */
@Schema(examples = "{\"test_name\": \"myorg/myrepo/main/bench\"}")
public record TestEntry(String testName) {
}
