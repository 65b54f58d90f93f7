package dev.tarkka.series;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/**
 * What a pull request has uploaded for one commit (api.md §10.1): the repository (the full normalised URL) and
 * branch of its points, the commit, its number and the tests it has points for.
 */
@Schema(examples = """
        {"git_repo": "https://github.com/myorg/myrepo", "branch": "feature", "git_commit": "a1b2c3", "pull_number": 42,
         "test_names": ["myorg/myrepo/main/bench"]}""")
public record PullEntry(String gitRepo, String branch, String gitCommit, int pullNumber, List<String> testNames) {
}
