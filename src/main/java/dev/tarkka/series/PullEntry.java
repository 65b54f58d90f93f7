package dev.tarkka.series;

import java.util.List;

/**
 * What a pull request has uploaded for one commit (api.md §10.1): the repository (the full normalised URL) and
 * branch of its points, the commit, its number and the tests it has points for.
 */
public record PullEntry(String gitRepo, String branch, String gitCommit, int pullNumber, List<String> testNames) {
}
