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

import dev.tarkka.auth.Caller;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.http.Streams;
import dev.tarkka.series.StoredPoint;
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
@Produces(MediaType.APPLICATION_JSON)
public class ResultResource {

    /** What deletes answer: an empty list, as in Nyrkio. */
    static final List<Object> DELETED = List.of();
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");

    private final ResultService results;
    private final Caller caller;
    private final JsonBodies json;

    ResultResource(ResultService results, Caller caller, JsonBodies json) {
        this.results = results;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/results")
    public Uni<List<TestEntry>> list() {
        return results.testNames(caller.id());
    }

    @DELETE
    @Path("/results")
    public Uni<List<Object>> deleteAll() {
        return results.deleteAll(caller.id()).replaceWith(DELETED);
    }

    /**
     * The test's points, streamed as they are read from the store; {@code since} (a timestamp) and {@code limit}
     * page through a long series (Tarkka's own, Nyrkio's clients leave them out).
     */
    @GET
    @Path("/result/{name: .*}")
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
    public Uni<TestReport> add(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body).chain(results -> this.results.add(owner, name, results));
    }

    @PUT
    @Path("/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    public Uni<TestReport> replace(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body).chain(results -> this.results.replace(owner, name, results));
    }

    @DELETE
    @Path("/result/{name: .*}")
    public Uni<List<Object>> delete(@PathParam("name") String name, @Context UriInfo uri) {
        return results.delete(caller.id(), name, integer(uri.getQueryParameters().get("timestamp"), "timestamp"))
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
