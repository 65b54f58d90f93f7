package dev.tarkka.defaults;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.tarkka.changes.TestReport;
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
    public List<String> results() {
        return defaults.testNames();
    }

    @GET
    @Path("/result/{name}")
    public List<DefaultData.DefaultPoint> result(@PathParam("name") String name) {
        return defaults.series(name);
    }

    @GET
    @Path("/result/{name}/changes")
    public Uni<TestReport> changes(@PathParam("name") String name) {
        return defaults.changes(name);
    }
}
