package dev.tarkka.publish;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.changes.TestReport;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.Streams;
import dev.tarkka.pulls.PullService.Pull;
import dev.tarkka.series.PullEntry;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.summaries.PerCommitEntry;
import dev.tarkka.summaries.Summary;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's {@code /public} reads (api.md §8), for anyone: only what owners made public, and of a public test only
 * the points of the repository and branch made public.
 */
@Path("/api/v0/public")
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {

    private static final String PULL = "/pulls/{repo: .+}/{pull: \\d+}";
    private static final String NOT_FOUND_EXAMPLE = "{\"detail\": \"No such test exists\"}";

    private final PublicTests tests;

    PublicResource(PublicTests tests) {
        this.tests = tests;
    }

    public record PublicEntry(String testName) {
    }

    @GET
    @Path("/results")
    @Operation(summary = "Every public test's public name")
    @APIResponse(responseCode = "200", description = "The public tests", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "tests", value = "[{\"test_name\": \"myorg/myrepo/main/bench\"}]")))
    public Uni<List<PublicEntry>> results() {
        return tests.publicNames().map(names -> names.stream().map(PublicEntry::new).toList());
    }

    @GET
    @Path("/changes/perCommit/{prefix: .*}")
    @Operation(summary = "Change points of the public tests whose public names start with the prefix, per commit")
    @APIResponse(responseCode = "200", description = "One entry per commit and test, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "none", value = "[]")))
    @APIResponse(responseCode = "404", description = "No public test starts so", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "none", value = NOT_FOUND_EXAMPLE)))
    public Uni<List<PerCommitEntry>> perCommit(@PathParam("prefix") String prefix, @QueryParam("commit") String commit) {
        return tests.perCommit(prefix, commit);
    }

    @GET
    @Path("/result/{name: .*}/changes")
    @Operation(summary = "A public test's change report, keyed by the test's own name, with its owner's options")
    @APIResponse(responseCode = "200", description = "The change report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = "{\"bench\": []}")))
    @APIResponse(responseCode = "404", description = "No such public test", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "none", value = NOT_FOUND_EXAMPLE)))
    public Uni<TestReport> changes(@PathParam("name") String name) {
        return tests.changes(name);
    }

    @GET
    @Path("/result/summarySiblings")
    @Operation(summary = "Always {}, as in Nyrkio")
    @APIResponse(responseCode = "200", description = "{}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "empty", value = "{}")))
    public Map<String, Summary> everything() {
        return Map.of();
    }

    @GET
    @Path("/result/{prefix: .*}/summarySiblings")
    @Operation(summary = "The summaries of the public tests under a prefix, keyed /<public name>")
    @APIResponse(responseCode = "200", description = "The summaries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "summaries", value = "{\"/myorg/myrepo/main/bench\": {\"total_change_points\": 0}}")))
    @APIResponse(responseCode = "404", description = "No public test under the prefix")
    public Uni<Map<String, Summary>> summaries(@PathParam("prefix") String prefix) {
        return tests.summaries(prefix);
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}/test/{name: .+}")
    @Authenticated
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @Operation(summary = "A pull request's verdict for one public test, compared with the published history only",
            description = "For any signed-in user. `notify` is not honoured here: only the owner's own routes announce.")
    @APIResponse(responseCode = "200", description = "[{\"<test>\": [the change group at the commit]}] when it changed there")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<TestReport>> pullTestChanges(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name) {
        return tests.pullChanges(Pull.of(repo, pull), commit, name);
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}")
    @Authenticated
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @Operation(summary = "A pull request's verdict for the public tests of its repository it uploaded at the commit",
            description = "For any signed-in user. `notify` is not honoured here: only the owner's own routes announce.")
    @APIResponse(responseCode = "200", description = "[{\"<test>\": [the change group at the commit]}] per test with a change there")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<TestReport>> pullChanges(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit) {
        return tests.pullChanges(Pull.of(repo, pull), commit, null);
    }

    @GET
    @Path(PULL + "/result/{commit: [^/]+}/test/{name: .+}")
    @Operation(summary = "A public test's published history up to the pull request's base, then its point at the commit")
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Multi<StoredPoint> pullResult(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name) {
        return Streams.orNotFound(tests.pullResult(name, Pull.of(repo, pull), commit));
    }

    @GET
    @Path("/pulls/{prefix: .*}")
    @Operation(summary = "The pull requests of the public tests under owner[/repo[/branch[/test]]], newest number first",
            description = "Only the tests made public, in the published repositories.")
    @APIResponse(responseCode = "200", description = "The pull requests")
    @APIResponse(responseCode = "404", description = "No owner in the path")
    public Uni<List<PullEntry>> pulls(@PathParam("prefix") String prefix) {
        return tests.pulls(prefix);
    }

    @GET
    @Path("/result/{name: .*}")
    @Operation(summary = "A public test's points of the repository and branch made public, by timestamp, streamed")
    @APIResponse(responseCode = "200", description = "The points", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "points", value = """
                    [{"timestamp": 1700000000, "metrics": [{"name": "latency", "unit": "ms", "value": 12.5}],
                      "attributes": {"git_commit": "a1b2c3", "branch": "main", "git_repo": "https://github.com/myorg/myrepo"},
                      "extra_info": null}]""")))
    @APIResponse(responseCode = "404", description = "No such public test", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "none", value = NOT_FOUND_EXAMPLE)))
    public Multi<StoredPoint> result(@PathParam("name") String name) {
        return Streams.orNotFound(tests.points(name));
    }
}
