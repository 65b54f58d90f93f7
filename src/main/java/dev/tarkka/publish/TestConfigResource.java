package dev.tarkka.publish;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.error.ApiException;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.publish.PublicTests.OwnerKind;
import dev.tarkka.series.SeriesStore;
import dev.tarkka.series.TestNames;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's test configuration, the public flag per repository and branch (api.md §7), for the caller's tests
 * ({@code /config}) and an organization's ({@code /orgs/config}: the test must exist, one row per write, as in
 * Nyrkio). Making a test public again is not a conflict; taking another owner's public name is.
 */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class TestConfigResource {

    private static final String CONFLICT_EXAMPLE = "{\"detail\": \"Public test already exists for myorg/myrepo/main/bench\"}";

    private final PublicTests tests;
    private final SeriesStore series;
    private final Caller caller;
    private final JsonBodies json;

    TestConfigResource(PublicTests tests, SeriesStore series, Caller caller, JsonBodies json) {
        this.tests = tests;
        this.series = series;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("/config/{name: .*}")
    @Operation(summary = "The test's configuration rows, in the order they were first written; [] for none")
    @APIResponse(responseCode = "200", description = "The rows", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestConfigItem[].class)))
    public Uni<List<TestConfigItem>> get(@PathParam("name") String name) {
        return tests.config(caller.id(), TestNames.require(name));
    }

    @POST
    @Path("/config/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Write the test's configuration rows (one per repository and branch); the test need not exist")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestConfigItem[].class)))
    @APIResponse(responseCode = "200", description = "Written: [[the public names before this write]], as Nyrkio answers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "written",
                    value = "[[\"myorg/myrepo/main/bench\"]]")))
    @APIResponse(responseCode = "409", description = "Another owner's public test has that public name; nothing is written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "taken", value = CONFLICT_EXAMPLE)))
    public Uni<List<List<String>>> post(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        ObjectId owner = caller.id();
        String testName = TestNames.require(name);
        return json.read(contentType, body).map(TestConfigItem::parse)
                .chain(items -> tests.write(owner, OwnerKind.USER, testName, items)).map(List::of);
    }

    @DELETE
    @Path("/config/{name: .*}")
    @Operation(summary = "Delete the test's configuration rows: it is private again")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    public Uni<Map<String, Object>> delete(@PathParam("name") String name) {
        return tests.delete(caller.id(), TestNames.require(name)).replaceWith(Map.of());
    }

    // ------------------------------------------------------------------ organizations' tests (api.md §9)

    @GET
    @Path("/orgs/config/{name: .*}")
    @Operation(summary = "An organization's test's configuration rows")
    @APIResponse(responseCode = "200", description = "The rows", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestConfigItem[].class)))
    @APIResponse(responseCode = "404", description = "No such test, or no such organization for the caller")
    public Uni<List<TestConfigItem>> orgGet(@PathParam("name") String name) {
        String testName = TestNames.require(name);
        return existingOrgTest(testName, Access.READ).chain(owner -> tests.config(owner, testName));
    }

    @POST
    @Path("/orgs/config/{name: .*}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Write an organization's test's configuration: exactly one row (owners and members)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestConfigItem[].class)))
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    @APIResponse(responseCode = "400", description = "Not exactly one row", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "rows", value = "{\"detail\": \"Too many test configurations, expected 1\"}")))
    @APIResponse(responseCode = "409", description = "Another owner's public test has that name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "taken", value = CONFLICT_EXAMPLE)))
    public Uni<Map<String, Object>> orgPost(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String testName = TestNames.require(name);
        return existingOrgTest(testName, Access.WRITE).chain(owner -> json.read(contentType, body)
                .map(TestConfigItem::parse)
                .chain(items -> {
                    if (items.size() != 1) {
                        throw ApiException.badRequest("Too many test configurations, expected 1");
                    }
                    return tests.write(owner, OwnerKind.ORGANIZATION, testName, items);
                }))
                .replaceWith(Map.of());
    }

    @DELETE
    @Path("/orgs/config/{name: .*}")
    @Operation(summary = "Delete an organization's test's configuration rows (owners and members)")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    public Uni<Map<String, Object>> orgDelete(@PathParam("name") String name) {
        String testName = TestNames.require(name);
        return existingOrgTest(testName, Access.WRITE).chain(owner -> tests.delete(owner, testName))
                .replaceWith(Map.of());
    }

    private Uni<ObjectId> existingOrgTest(String testName, Access access) {
        return caller.orgOfTest(testName, access).call(owner -> series.exists(owner, testName).invoke(exists -> {
            if (!exists) {
                throw ApiException.notFound("Test name not found");
            }
        }));
    }
}
