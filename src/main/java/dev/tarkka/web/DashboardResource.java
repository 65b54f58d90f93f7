package dev.tarkka.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.auth.Caller;
import dev.tarkka.error.ApiException;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.series.TestNames;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** What the dashboard's pages read that Nyrkio's API has no answer for, in the shapes the pages draw. */
@Path("/api/v0/dashboard")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final DashboardService dashboard;
    private final Caller caller;

    DashboardResource(DashboardService dashboard, Caller caller) {
        this.dashboard = dashboard;
        this.caller = caller;
    }

    /** The newest point of each of the caller's tests, by name: the tree's "latest" column. */
    @GET
    @Path("/latest")
    @Operation(summary = "The newest point of each of the caller's tests (the dashboard's test tree)")
    @APIResponse(responseCode = "200", description = "One entry per test, by name", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "latest", value = """
                    [{"test_name": "myorg/myrepo/main/bench", "timestamp": 1700000000,
                      "metrics": [{"name": "latency", "unit": "ms", "value": 12.5, "direction": "lower_is_better"}],
                      "attributes": {"git_repo": "https://github.com/myorg/myrepo", "branch": "main",
                                     "git_commit": "a1b2c3"}}]""")))
    public Uni<List<LatestPoint>> latest() {
        return dashboard.latest(caller.id());
    }

    /** Everything a test's page draws; 404 for a test without points of its own. */
    @GET
    @Path("/series/{name: .+}")
    @Operation(summary = "A test laid out for its charts: the points column by column, each metric's values and change points")
    @APIResponse(responseCode = "200", description = "The test's columns", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "series", value = """
                    {"test_name": "bench", "options": {"algorithm": "otava", "window_len": 30, "max_pvalue": 0.001,
                     "min_magnitude": 0.0}, "timestamps": [1700000000, 1700086400, 1700172800],
                     "git_commits": ["a1", "b2", "c3"], "git_repos": ["https://github.com/myorg/myrepo",
                     "https://github.com/myorg/myrepo", "https://github.com/myorg/myrepo"],
                     "metrics": [{"name": "latency", "unit": "ms", "direction": "lower_is_better", "disabled": false,
                     "values": [12.5, 12.4, 18.9], "change_points": []}]}""")))
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<ChartSeries> series(@PathParam("name") String name) {
        return dashboard.series(caller.id(), TestNames.require(name)).onItem().ifNull().failWith(ApiException::notFound);
    }
}
