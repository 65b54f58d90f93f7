package dev.tarkka.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.auth.AuthenticatedUser;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.JsonBodies;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.results.TestNames;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Change reports of a test and the switches that leave metrics out of them. */
@Path("/api/v0")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {

    private final ChangeService changes;
    private final DisabledMetrics switches;
    private final SecurityIdentity identity;
    private final JsonBodies json;

    ChangesResource(ChangeService changes, DisabledMetrics switches, SecurityIdentity identity, JsonBodies json) {
        this.changes = changes;
        this.switches = switches;
        this.identity = identity;
        this.json = json;
    }

    /** {@code notify} is accepted for compatibility (Tarkka has no notifiers yet) but must be an integer. */
    @GET
    @Path("/result/{name: .*}/changes")
    public Uni<Map<String, Object>> changes(@PathParam("name") String name, @QueryParam("notify") String notify) {
        if (notify != null && !notify.matches("[+-]?[0-9]{1,9}")) {
            throw ApiException.validation(List.of(ValidationProblem.at(List.of("query", "notify"), "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer", notify)));
        }
        return changes.report(caller(), TestNames.require(name));
    }

    @POST
    @Path("/result/{name: .*}/changes/disable")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> disable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller();
        return json.read(contentType, body).map(ChangesResource::metricNames).chain(metrics -> {
            if (metrics.isEmpty()) {
                throw ApiException.badRequest("No metrics to disable change detection for");
            }
            return switches.disable(owner, TestNames.require(name), metrics);
        }).replaceWith(Map.of());
    }

    @POST
    @Path("/result/{name: .*}/changes/enable")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> enable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller();
        return json.read(contentType, body)
                .chain(node -> switches.enable(owner, TestNames.require(name), metricNames(node)))
                .replaceWith(Map.of());
    }

    private ObjectId caller() {
        return AuthenticatedUser.from(identity).id();
    }

    /** A JSON array of metric names; no body means none. */
    private static List<String> metricNames(JsonNode body) {
        if (body == null || body.isNull()) {
            return List.of();
        }
        if (!body.isArray()) {
            throw ApiException.validation(List.of(ValidationProblem.at(List.of("body"), "list_type",
                    "Input should be a valid list", null)));
        }
        List<String> names = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonNode element = body.get(i);
            if (!element.isTextual() || element.textValue().indexOf('\0') >= 0) {
                throw ApiException.validation(List.of(ValidationProblem.at(List.of("body", i), "string_type",
                        "Input should be a valid string", null)));
            }
            names.add(element.textValue());
        }
        return names;
    }
}
