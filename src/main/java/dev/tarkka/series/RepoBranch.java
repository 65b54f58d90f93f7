package dev.tarkka.series;

import java.util.Locale;

/**
 * One repository and branch of a test's points, as stored: the repository URL lower-cased, without a trailing
 * slash. What an owner makes public of a test.
 */
public record RepoBranch(String gitRepo, String branch) {

    public RepoBranch {
        gitRepo = UploadParser.normaliseRepo(gitRepo);
    }

    public boolean holds(StoredPoint point) {
        return gitRepo.equals(point.result().attributes().gitRepo()) && branch.equals(point.result().attributes().branch());
    }

    /** Whether the repository is {@code owner/name} (any case) on any host, as pull requests name it. */
    public boolean isRepository(String shortRepo) {
        String wanted = shortRepo.toLowerCase(Locale.ROOT);
        return gitRepo.equals(wanted) || gitRepo.endsWith("/" + wanted);
    }
}
