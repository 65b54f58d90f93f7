package dev.tarkka.results;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.auth.Organizations;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.http.Streams;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.UploadBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's results endpoints. Test names are paths ({@code {name: .*}}); the suffix routes such as
 * {@code /changes} win over the plain name for GET, as in Nyrkio (api.md §0.2). Every query is scoped to
 * the caller: another user's tests do not exist for them.
 */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class ResultResource {

    /** What deletes answer: an empty list, as in Nyrkio. */
    static final List<Object> DELETED = List.of();
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");

    private final ResultService results;
    private final Organizations organizations;
    private final Caller caller;
    private final JsonBodies json;

    ResultResource(ResultService results, Organizations organizations, Caller caller, JsonBodies json) {
        this.results = results;
        this.organizations = organizations;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/results")
    @Operation(summary = "The caller's test names, sorted (those with pull-request points only, too)")
    public Uni<List<TestEntry>> list() {
        return results.testNames(caller.id());
    }

    @DELETE
    @Path("/results")
    @Operation(summary = "Delete all the caller's results, pull requests' included")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DELETED)
    public Uni<List<Object>> deleteAll() {
        return results.deleteAll(caller.id()).replaceWith(DELETED);
    }

    /**
     * The test's points, streamed as they are read from the store; {@code since} (a timestamp) and {@code limit}
     * page through a long series (Tarkka's own, Nyrkio's clients leave them out).
     */
    @GET
    @Path("/result/{name: .*}")
    @Operation(summary = "A test's points, by timestamp (without pull requests' points), streamed")
    @Parameter(name = "since", in = ParameterIn.QUERY, description = "Only points at or after this timestamp",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "At most this many points",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = ApiDocumentation.VALIDATION_ERROR)
    public Multi<StoredPoint> get(@PathParam("name") String name, @Context UriInfo uri) {
        Long since = integer(uri.getQueryParameters().get("since"), "since");
        Long limit = integer(uri.getQueryParameters().get("limit"), "limit");
        if (limit != null && (limit < 1 || limit > Integer.MAX_VALUE)) {
            throw ApiException.invalid(ValidationProblem.at(List.of("query", "limit"), "greater_than",
                    "Input should be a positive integer", limit));
        }
        return Streams.orNotFound(results.points(caller.id(), name, since, limit == null ? null : limit.intValue()));
    }

    @POST
    @Path("/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store points (all or none) and answer the test's change report")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", description = "Stored; the change report of the whole series")
    @APIResponse(responseCode = "400", description = "A point with the same key is stored already (nothing is stored), or the"
            + " body is an empty array", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
                    name = "duplicate", value = """
                            {"detail": {"reason": "Result already exists for key", "data": {"git_repo": "https://github.com/myorg/myrepo",
                              "branch": "main", "git_commit": "a1b2c3", "test_name": "myorg/myrepo/main/bench",
                              "timestamp": 1700000000}}}""")))
    public Uni<TestReport> add(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body).chain(results -> this.results.add(owner, name, results));
    }

    @PUT
    @Path("/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store points, replacing those with the same key, and answer the test's change report")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", description = "Stored; the change report of the whole series")
    public Uni<TestReport> replace(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body).chain(results -> this.results.replace(owner, name, results));
    }

    @DELETE
    @Path("/result/{name: .*}")
    @Operation(summary = "Delete one point (by timestamp) or the whole test")
    @Parameter(name = "timestamp", in = ParameterIn.QUERY, description = "Only the point at this timestamp",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DELETED)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<Object>> delete(@PathParam("name") String name, @Context UriInfo uri) {
        return results.delete(caller.id(), name, integer(uri.getQueryParameters().get("timestamp"), "timestamp"))
                .map(found -> found ? DELETED : null)
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    // ------------------------------------------------------------------ organizations' tests (api.md §9)
    // The organization is the test name's first segment; the caller's role in it decides (non-members: 404).

    @GET
    @Path("/orgs/results")
    @Operation(summary = "The test names of every organization of the caller, each organization's sorted")
    public Uni<List<TestEntry>> orgList() {
        return organizations.of(caller.user())
                .onItem().transformToMulti(list -> io.smallrye.mutiny.Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(m -> results.testNames(m.organization().id))
                .collect().asList().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    @GET
    @Path("/orgs/result/{name: .*}")
    @Operation(summary = "An organization's test: its points, by timestamp, streamed")
    @APIResponse(responseCode = "200", description = "The points")
    @APIResponse(responseCode = "404", description = "No such test, or no such organization for the caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "not a member",
                    value = "{\"detail\": \"No such organization exists\"}")))
    public Multi<StoredPoint> orgGet(@PathParam("name") String name, @Context UriInfo uri) {
        Long since = integer(uri.getQueryParameters().get("since"), "since");
        Long limit = integer(uri.getQueryParameters().get("limit"), "limit");
        if (limit != null && (limit < 1 || limit > Integer.MAX_VALUE)) {
            throw ApiException.invalid(ValidationProblem.at(List.of("query", "limit"), "greater_than",
                    "Input should be a positive integer", limit));
        }
        return Streams.orNotFound(caller.orgOfTest(name, Access.READ)
                .chain(owner -> results.points(owner, name, since, limit == null ? null : limit.intValue())));
    }

    @POST
    @Path("/orgs/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store points in an organization's test (owners and members) and answer its change report")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", description = "Stored; the change report of the whole series")
    @APIResponse(responseCode = "400", description = "A point with the same key is stored already (as for a user's test)")
    @APIResponse(responseCode = "403", description = "The caller is a viewer", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "viewer", value = "{\"detail\": \"Forbidden\"}")))
    public Uni<TestReport> orgAdd(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return caller.orgOfTest(name, Access.WRITE).chain(owner -> json.read(contentType, body)
                .chain(results -> this.results.add(owner, name, results)));
    }

    @PUT
    @Path("/orgs/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store points in an organization's test, replacing those with the same key")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UploadBody.class)))
    @APIResponse(responseCode = "200", description = "Stored; the change report of the whole series")
    public Uni<TestReport> orgReplace(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return caller.orgOfTest(name, Access.WRITE).chain(owner -> json.read(contentType, body)
                .chain(results -> this.results.replace(owner, name, results)));
    }

    @DELETE
    @Path("/orgs/result/{name: .*}")
    @Operation(summary = "Delete one point (by timestamp) or the whole test of an organization")
    @Parameter(name = "timestamp", in = ParameterIn.QUERY, description = "Only the point at this timestamp",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DELETED)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<List<Object>> orgDelete(@PathParam("name") String name, @Context UriInfo uri) {
        Long timestamp = integer(uri.getQueryParameters().get("timestamp"), "timestamp");
        return caller.orgOfTest(name, Access.WRITE).chain(owner -> results.delete(owner, name, timestamp))
                .map(found -> found ? DELETED : null)
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    /** At most one value of the query parameter, an integer: anything else (for a delete) would hit the wrong points. */
    private static Long integer(List<String> values, String parameter) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.get(0);
        List<Object> loc = List.of("query", parameter);
        if (values.size() > 1 || !INTEGER.matcher(value).matches()) {
            throw ApiException.invalid(ValidationProblem.at(loc, "int_parsing", "Input should be a single valid integer",
                    values.size() > 1 ? values : value));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(ValidationProblem.integerTooLarge(loc, value));
        }
    }
}
