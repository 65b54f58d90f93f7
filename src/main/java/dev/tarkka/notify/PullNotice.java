package dev.tarkka.notify;

import java.util.List;

/**
 * A pull request's verdict at one commit: the tests it uploaded, and the changes found at its commit.
 *
 * @param repo the short {@code owner/name} the pull request was given with
 */
public record PullNotice(String repo, int pullNumber, String gitCommit, List<String> testNames,
        List<ChangeNotice> changes) {

    public PullNotice {
        testNames = List.copyOf(testNames);
        changes = List.copyOf(changes);
    }

    String subject() {
        return "pull/" + repo.toLowerCase(java.util.Locale.ROOT) + "/" + pullNumber + "/" + gitCommit;
    }
}
