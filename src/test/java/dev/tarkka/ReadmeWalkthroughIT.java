package dev.tarkka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tarkka.support.Commands;
import dev.tarkka.support.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The README's walk-through, pasted into {@code bash -e} against the packaged app: every command runs, in order,
 * and answers what the README says it answers. Needs {@code curl} and {@code jq}, as the README says.
 */
@QuarkusIntegrationTest
@WithTestResource(MongoTestResource.class)
class ReadmeWalkthroughIT {

    static final String SECTION = "## Walk-through with curl";
    static final String README_BASE = "http://localhost:8080";

    @Test
    void theWalkthroughRunsAsPasted() throws Exception {
        assumeTrue(Commands.onPath("curl") && Commands.onPath("jq"), "the walk-through needs curl and jq; install them to run it");
        String script = walkthrough(Files.readString(Path.of("README.md")));
        assertThat(script).contains(README_BASE);
        script = script.replace(README_BASE, RestAssured.baseURI + ":" + RestAssured.port);

        Process bash = new ProcessBuilder("bash", "-e", "-c", script).redirectErrorStream(true).start();
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).as("the walk-through finished").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("\"email\":\"john@example.com\"")
                .contains("{\"myorg/myrepo/main/bench\":[]}")
                .contains("{\"test_name\":\"default_benchmark\"},{\"test_name\":\"myorg/myrepo/main/bench\"}]")
                .contains("\"extra_info\":{\"runner\":\"ubuntu-latest\"}")
                .contains("\"last_used\"")
                .endsWith("{\"detail\":\"Unauthorized\"}");
    }

    /** The first bash block after the walk-through's heading. */
    static String walkthrough(String readme) {
        int section = readme.indexOf(SECTION);
        assertThat(section).as("README has the section " + SECTION).isNotNegative();
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }
}
