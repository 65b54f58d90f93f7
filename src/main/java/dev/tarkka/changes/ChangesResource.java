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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.notify.Notifications;
import dev.tarkka.notify.NotifyQuery;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.TestNames;
import dev.tarkka.userconfig.UserConfigService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Change reports of a test and the switches that leave metrics out of them. */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {

    /** What the metric switches answer: an empty object, as in Nyrkio. */
    static final Map<String, Object> DONE = Map.of();

    private final ChangeService changes;
    private final DisabledMetrics switches;
    private final UserConfigService configs;
    private final Notifications notifications;
    private final SeriesStore series;
    private final Caller caller;
    private final JsonBodies json;

    ChangesResource(ChangeService changes, DisabledMetrics switches, UserConfigService configs,
            Notifications notifications, SeriesStore series, Caller caller, JsonBodies json) {
        this.changes = changes;
        this.series = series;
        this.switches = switches;
        this.configs = configs;
        this.notifications = notifications;
        this.caller = caller;
        this.json = json;
    }

    /** With {@code ?notify=1}, what the change points announce is recorded for delivery, as an upload does. */
    @GET
    @Path("/result/{name: .*}/changes")
    @Operation(summary = "The test's change report; {} for a test without data")
    @Parameter(name = "notify", description = "1: record notifications for the change points, as an upload does",
            schema = @Schema(type = SchemaType.INTEGER, examples = "1"))
    public Uni<TestReport> changes(@PathParam("name") String name, @QueryParam("notify") String notify) {
        return report(caller.id(), TestNames.require(name), NotifyQuery.requested(notify));
    }

    private Uni<TestReport> report(ObjectId owner, String testName, boolean announce) {
        return configs.detectionOptions(owner)
                .chain(options -> changes.analyse(owner, testName, options))
                .chain(analysis -> !announce ? Uni.createFrom().item(analysis.report())
                        : notifications.record(owner, ChangeNotices.of(analysis)).replaceWith(analysis.report())
                                .onFailure().recoverWithItem(e -> analysis.report()
                                        .withWarnings(List.of(Notifications.NOT_RECORDED))));
    }

    @POST
    @Path("/result/{name: .*}/changes/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Leave metrics of the test out of change detection")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = String.class), examples = @ExampleObject(name = "metrics", value = "[\"latency\"]")))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    @APIResponse(responseCode = "400", description = "No metric named", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "none", value = "{\"detail\": \"No metrics to disable change detection for\"}")))
    public Uni<Map<String, Object>> disable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body).map(ChangesResource::metricNames).chain(metrics -> {
            if (metrics.isEmpty()) {
                throw ApiException.badRequest("No metrics to disable change detection for");
            }
            return switches.disable(owner, TestNames.require(name), metrics);
        }).replaceWith(DONE);
    }

    @POST
    @Path("/result/{name: .*}/changes/enable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Take metrics of the test back into change detection; [] or no body: all of them")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = String.class), examples = @ExampleObject(name = "metrics", value = "[\"latency\"]")))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    public Uni<Map<String, Object>> enable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        return json.read(contentType, body)
                .chain(node -> switches.enable(owner, TestNames.require(name), metricNames(node)))
                .replaceWith(DONE);
    }

    // ------------------------------------------------------------------ organizations' tests (api.md §9)

    /** As Nyrkio: 404 for a test the organization does not have; recording notifications is a write. */
    @GET
    @Path("/orgs/result/{name: .*}/changes")
    @Operation(summary = "An organization's test's change report, with the organization's options")
    @Parameter(name = "notify", description = "1: record notifications for the change points (owners and members)",
            schema = @Schema(type = SchemaType.INTEGER, examples = "1"))
    @APIResponse(responseCode = "200", description = "The change report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = "{\"myteam/myrepo/main/bench\": []}")))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<TestReport> orgChanges(@PathParam("name") String name, @QueryParam("notify") String notify) {
        boolean announce = NotifyQuery.requested(notify);
        String testName = TestNames.require(name);
        return caller.orgOfTest(testName, announce ? Access.WRITE : Access.READ)
                .chain(owner -> series.exists(owner, testName).chain(exists -> exists
                        ? report(owner, testName, announce)
                        : Uni.createFrom().failure(ApiException.notFound())));
    }

    @POST
    @Path("/orgs/result/{name: .*}/changes/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Leave metrics of an organization's test out of change detection (owners and members)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = String.class), examples = @ExampleObject(name = "metrics", value = "[\"latency\"]")))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    public Uni<Map<String, Object>> orgDisable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String testName = TestNames.require(name);
        return caller.orgOfTest(testName, Access.WRITE).chain(owner -> json.read(contentType, body)
                .map(ChangesResource::metricNames).chain(metrics -> {
                    if (metrics.isEmpty()) {
                        throw ApiException.badRequest("No metrics to disable change detection for");
                    }
                    return switches.disable(owner, testName, metrics);
                })).replaceWith(DONE);
    }

    @POST
    @Path("/orgs/result/{name: .*}/changes/enable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Take metrics of an organization's test back into change detection; [] or no body: all")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = String.class), examples = @ExampleObject(name = "metrics", value = "[\"latency\"]")))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    public Uni<Map<String, Object>> orgEnable(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String testName = TestNames.require(name);
        return caller.orgOfTest(testName, Access.WRITE).chain(owner -> json.read(contentType, body)
                .chain(node -> switches.enable(owner, testName, metricNames(node)))).replaceWith(DONE);
    }

    /**
     * A JSON array of metric names; no body means none. Read by hand: Nyrkio takes a missing body as
     * {@code []}, which binding to a list does not.
     */
    private static List<String> metricNames(JsonNode body) {
        if (body == null || body.isNull()) {
            return List.of();
        }
        if (!body.isArray()) {
            throw ApiException.invalid(ValidationProblem.notAList(List.of("body"), null));
        }
        List<String> names = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            JsonNode element = body.get(i);
            if (!element.isTextual() || element.textValue().indexOf('\0') >= 0) {
                throw ApiException.invalid(ValidationProblem.notAString(List.of("body", i), null));
            }
            names.add(element.textValue());
        }
        return names;
    }
}
