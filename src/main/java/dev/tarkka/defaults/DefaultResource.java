package dev.tarkka.defaults;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.tarkka.changes.TestReport;
import dev.tarkka.http.ApiDocumentation;
import io.smallrye.mutiny.Uni;

/** The public example data (api.md §4.11); no authentication, names without slashes. */
@Path("/api/v0/default")
@Produces(MediaType.APPLICATION_JSON)
public class DefaultResource {

    private final DefaultData defaults;

    DefaultResource(DefaultData defaults) {
        this.defaults = defaults;
    }

    @GET
    @Path("/results")
    @Operation(summary = "The example tests' names")
    @APIResponse(responseCode = "200", description = "The names", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class),
            examples = @ExampleObject(name = "names", value = "[\"default_benchmark\"]")))
    public List<String> results() {
        return defaults.testNames();
    }

    @GET
    @Path("/result/{name}")
    @Operation(summary = "An example test's points; [] for an unknown name")
    public List<DefaultData.DefaultPoint> result(@PathParam("name") String name) {
        return defaults.series(name);
    }

    @GET
    @Path("/result/{name}/changes")
    @Operation(summary = "An example test's change report")
    public Uni<TestReport> changes(@PathParam("name") String name) {
        return defaults.changes(name);
    }
}
