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

import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.auth.Caller;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.http.Streams;
import dev.tarkka.notify.Notifications;
import dev.tarkka.notify.NotifyQuery;
import dev.tarkka.series.PullEntry;
import dev.tarkka.series.StoredPoint;
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
@Produces(MediaType.APPLICATION_JSON)
public class PullResource {

    private static final String PULL = "{repo: .+}/{pull: [^/]+}";

    private final PullService pulls;
    private final Notifications notifications;
    private final Caller caller;
    private final JsonBodies json;

    PullResource(PullService pulls, Notifications notifications, Caller caller, JsonBodies json) {
        this.pulls = pulls;
        this.notifications = notifications;
        this.caller = caller;
        this.json = json;
    }

    @GET
    public Uni<List<PullEntry>> list() {
        return pulls.pulls(caller.id());
    }

    @POST
    @Path(PULL + "/result/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> add(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return store(repo, pull, name, contentType, body, false);
    }

    @PUT
    @Path(PULL + "/result/{name: .+}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> replace(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return store(repo, pull, name, contentType, body, true);
    }

    private Uni<Response> store(String repo, String pull, String name, String contentType, byte[] body,
            boolean replace) {
        ObjectId owner = caller.id();
        PullService.Pull pullRequest = pull(repo, pull);
        // Nyrkio answers a stored pull-request upload with a JSON null
        return json.read(contentType, body).chain(results -> pulls.add(owner, pullRequest, name, results, replace))
                .replaceWith(Response.ok(NullNode.getInstance()).build());
    }

    @GET
    @Path(PULL + "/result/{commit: [^/]+}/test/{name: .+}")
    public Multi<StoredPoint> resultAtCommit(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name) {
        return Streams.orNotFound(pulls.result(caller.id(), pull(repo, pull), name, commit));
    }

    @GET
    @Path(PULL + "/result/{name: .+}")
    public Multi<StoredPoint> result(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("name") String name) {
        return Streams.orNotFound(pulls.result(caller.id(), pull(repo, pull), name, null));
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}/test/{name: .+}")
    public Uni<List<TestReport>> testChanges(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @PathParam("name") String name, @QueryParam("notify") String notify) {
        return changes(repo, pull, commit, name, notify);
    }

    @GET
    @Path(PULL + "/changes/{commit: [^/]+}")
    public Uni<List<TestReport>> changes(@PathParam("repo") String repo, @PathParam("pull") String pull,
            @PathParam("commit") String commit, @QueryParam("notify") String notify) {
        return changes(repo, pull, commit, null, notify);
    }

    /**
     * With {@code ?notify=1}, the verdict is recorded for the channels that comment on pull requests (GitHub: one
     * comment per pull request, updated in place).
     */
    private Uni<List<TestReport>> changes(String repo, String pull, String commit, String name, String notify) {
        boolean announce = NotifyQuery.requested(notify);
        ObjectId owner = caller.id();
        return pulls.verdict(owner, pull(repo, pull), commit, name)
                .call(verdict -> announce ? notifications.record(owner, verdict.notice()) : Uni.createFrom().voidItem())
                .map(PullService.Verdict::changed);
    }

    @DELETE
    @Path(PULL)
    public Uni<List<Object>> delete(@PathParam("repo") String repo, @PathParam("pull") String pull) {
        return pulls.delete(caller.id(), pull(repo, pull)).replaceWith(List.of());
    }

    private static PullService.Pull pull(String repo, String number) {
        try {
            return new PullService.Pull(repo, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(ValidationProblem.notAnInteger(List.of("path", "pull_number"), number));
        }
    }
}
