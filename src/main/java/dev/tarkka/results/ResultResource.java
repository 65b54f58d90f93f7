package dev.tarkka.results;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.tarkka.auth.AuthenticatedUser;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.JsonBodies;
import dev.tarkka.error.ValidationProblem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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

    private final ResultService results;
    private final SecurityIdentity identity;
    private final JsonBodies json;

    ResultResource(ResultService results, SecurityIdentity identity, JsonBodies json) {
        this.results = results;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/results")
    public Uni<List<Map<String, String>>> list() {
        return results.testNames(caller().id());
    }

    @DELETE
    @Path("/results")
    public Uni<List<Object>> deleteAll() {
        return results.deleteAll(caller().id()).replaceWith(List.of());
    }

    @GET
    @Path("/result/{name: .*}")
    public Uni<List<Map<String, Object>>> get(@PathParam("name") String name) {
        return results.series(caller().id(), name);
    }

    @POST
    @Path("/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> add(@PathParam("name") String name, String body) {
        return results.add(caller().id(), name, json.parse(body));
    }

    @PUT
    @Path("/result/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> replace(@PathParam("name") String name, String body) {
        return results.replace(caller().id(), name, json.parse(body));
    }

    @DELETE
    @Path("/result/{name: .*}")
    public Uni<List<Object>> delete(@PathParam("name") String name, @QueryParam("timestamp") String timestamp) {
        return results.delete(caller().id(), name, timestamp(timestamp)).replaceWith(List.of());
    }

    private AuthenticatedUser caller() {
        return AuthenticatedUser.from(identity);
    }

    private static Long timestamp(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of(ValidationProblem.at(List.of("query", "timestamp"), "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer", value)));
        }
    }
}
