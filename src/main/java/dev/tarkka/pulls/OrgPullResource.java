package dev.tarkka.pulls;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.changes.TestReport;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.http.Streams;
import dev.tarkka.notify.NotifyQuery;
import dev.tarkka.series.PullEntry;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.UploadBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's organization pull-request endpoints (api.md §9): the organization is the repository's owner, the first
 * segment of {@code repo}. Unlike Nyrkio's, the verdict route works (its handler swapped its arguments).
 */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class OrgPullResource {

    private static final String PULL = "/orgs/pulls/{repo: .+}/{pull: [^/]+}";

    private final PullService pulls;
    private final Caller caller;
    private final JsonBodies json;

    OrgPullResource(PullService pulls, Caller caller, JsonBodies json) {
        this.pulls = pulls;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/orgs/{org: [^/]+}/pulls")
    @Operation(summary = "The organization's pull requests, newest number first")
    @APIResponse(responseCode = "200", description = "The pull requests", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "pulls", value = """
                    [{"git_repo": "https://github.com/myteam/myrepo", "branch": "feature", "git_commit": "d4e5f6",
                      "pull_number": 42, "test_names": ["myteam/myrepo/main/bench"]}]""")))
    @APIResponse(responseCode = "404", description = "No such organization for the caller")
    public Uni<List<PullEntry>> list(@PathParam("org") String org) {
        return caller.org(org, Access.READ).chain(pulls::pulls);
    }

    @POST
    @Path(PULL + "/result/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store a pull request's points in an organization's test (owners and members)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    @APIResponse(responseCode = "400", description = "A point with the same key is stored already")
    public Uni<Response> add(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return store(repo, pull, name, contentType, body, false);
    }

    @PUT
    @Path(PULL + "/result/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store a pull request's points in an organization's test, replacing those with the same key")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    public Uni<Response> replace(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return store(repo, pull, name, contentType, body, true);
    }

    private Uni<Response> store(String repo, String pull, String name, String contentType, byte[] body,
            boolean replace) {
        PullService.Pull pullRequest = PullService.Pull.of(repo, pull);
        return caller.org(Caller.firstSegment(repo), Access.WRITE)
                .chain(owner -> json.read(contentType, body)
                        .chain(results -> pulls.add(owner, pullRequest, name, results, replace)))
                .replaceWith(Response.ok(NullNode.getInstance()).build());
    }

    @GET
    @Path(PULL + "/result/{name: .+}")
    @Operation(summary = "An organization's test's history up to the pull request's base, then its newest point")
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Multi<StoredPoint> result(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name) {
        PullService.Pull pullRequest = PullService.Pull.of(repo, pull);
        return Streams.orNotFound(caller.org(Caller.firstSegment(repo), Access.READ)
                .chain(owner -> pulls.result(owner, pullRequest, name, null, null)));
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}")
    @Operation(summary = "The verdict for an organization's pull request: the tests with a change at its commit")
    @APIResponse(responseCode = "200", description = "[{\"<test>\": [the change group at the commit]}] per test with a change there")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<TestReport>> changes(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @QueryParam("notify") String notify) {
        boolean announce = NotifyQuery.requested(notify);
        PullService.Pull pullRequest = PullService.Pull.of(repo, pull);
        return caller.org(Caller.firstSegment(repo), announce ? Access.WRITE : Access.READ)
                .chain(owner -> pulls.changes(owner, pullRequest, commit, null, announce));
    }

    @DELETE
    @Path(PULL)
    @Operation(summary = "Delete every point of an organization's pull request (owners and members)")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DELETED)
    public Uni<List<Object>> delete(@PathParam("repo") String repo, @PathParam("pull") String pull) {
        PullService.Pull pullRequest = PullService.Pull.of(repo, pull);
        return caller.org(Caller.firstSegment(repo), Access.WRITE)
                .chain(owner -> pulls.delete(owner, pullRequest)).replaceWith(List.of());
    }
}
