package dev.tarkka.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path and target checks the guard makes before anything reads a request. */
class RequestGuardTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/v0/result/a/b/c", "/api/v0/result/a%2Fb", "/api/v0/result/caf%C3%A9",
            "/api/v0/result/a.b/c..d", "/api/v0/results", "/api/v0/result/x?timestamp=1" })
    void pathsThatMapToOneTestPass(String path) {
        assertThat(RequestGuard.pathProblem(path.split("\\?")[0])).isNull();
        assertThat(RequestGuard.targetProblem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v0/result/x/../y", "/api/v0/result/./y", "/api/v0/result/a//b",
            "/api/v0/result/a/", "/api/v0/result/a;b=c", "/api/v0/result/%zz", "/api/v0/result/%C3",
            "/api/v0/result/a%00b", "/api/v0/result/x/%2E%2E/y" })
    void pathsTheHttpLayerWouldRewriteAreRefused(String path) {
        assertThat(RequestGuard.pathProblem(path)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v0/result/%zz", "/api/v0/result/%", "/q/health/live?probe=%G0",
            "/api/v0/result/a b" })
    void targetsThatAreNotUrisAreRefused(String target) {
        assertThat(RequestGuard.targetProblem(target)).startsWith("The request target is not a valid URI");
    }
}
