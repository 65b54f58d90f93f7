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

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.auth.Caller;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
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
 * Nyrkio's {@code /pulls} endpoints (api.md §10), which its GitHub Action calls for pull requests. {@code repo} is
 * the short {@code owner/name} (any case), {@code pull} the number; a test name may contain slashes. Where two
 * routes could match, the longer literal one wins, as in Nyrkio's route order.
 */
@Path("/api/v0/pulls")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class PullResource {

    private static final String PULL = "{repo: .+}/{pull: [^/]+}";

    private final PullService pulls;
    private final Caller caller;
    private final JsonBodies json;

    PullResource(PullService pulls, Caller caller, JsonBodies json) {
        this.pulls = pulls;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Operation(summary = "The caller's pull requests, newest number first")
    public Uni<List<PullEntry>> list() {
        return pulls.pulls(caller.id());
    }

    @POST
    @Path(PULL + "/result/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store a pull request's points (all or none); they stay out of the branch's series")
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
    @Operation(summary = "Store a pull request's points, replacing those with the same key")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    public Uni<Response> replace(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return store(repo, pull, name, contentType, body, true);
    }

    private Uni<Response> store(String repo, String pull, String name, String contentType, byte[] body,
            boolean replace) {
        ObjectId owner = caller.id();
        PullService.Pull pullRequest = PullService.Pull.of(repo, pull);
        // Nyrkio answers a stored pull-request upload with a JSON null
        return json.read(contentType, body).chain(results -> pulls.add(owner, pullRequest, name, results, replace))
                .replaceWith(Response.ok(NullNode.getInstance()).build());
    }

    @GET
    @Path(PULL + "/result/{commit: [^/]+}/test/{name: .+}")
    @Operation(summary = "The test's history up to the pull request's base, then its point at the commit")
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Multi<StoredPoint> resultAtCommit(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name) {
        return Streams.orNotFound(pulls.result(caller.id(), PullService.Pull.of(repo, pull), name, commit, null));
    }

    @GET
    @Path(PULL + "/result/{name: .+}")
    @Operation(summary = "The test's history up to the pull request's base, then the pull request's newest point")
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Multi<StoredPoint> result(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name) {
        return Streams.orNotFound(pulls.result(caller.id(), PullService.Pull.of(repo, pull), name, null, null));
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}/test/{name: .+}")
    @Operation(summary = "The verdict for one test: its change at the pull request's commit, if any")
    @APIResponse(responseCode = "200", description = "[{\"<test>\": [the change group at the commit]}] per test with a change there")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<TestReport>> testChanges(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name, @QueryParam("notify") String notify) {
        return changes(repo, pull, commit, name, notify);
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}")
    @Operation(summary = "The verdict: the tests with a change at the pull request's commit; [] for none")
    @APIResponse(responseCode = "200", description = "[{\"<test>\": [the change group at the commit]}] per test with a change there")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<TestReport>> changes(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @QueryParam("notify") String notify) {
        return changes(repo, pull, commit, null, notify);
    }

    private Uni<List<TestReport>> changes(String repo, String pull, String commit, String name, String notify) {
        return pulls.changes(caller.id(), PullService.Pull.of(repo, pull), commit, name, NotifyQuery.requested(notify));
    }

    @DELETE
    @Path(PULL)
    @Operation(summary = "Delete every point of the pull request in that repository")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DELETED)
    public Uni<List<Object>> delete(@PathParam("repo") String repo, @PathParam("pull") String pull) {
        return pulls.delete(caller.id(), PullService.Pull.of(repo, pull)).replaceWith(List.of());
    }

}
