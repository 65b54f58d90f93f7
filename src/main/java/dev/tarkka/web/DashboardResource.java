package dev.tarkka.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.tarkka.auth.Caller;
import dev.tarkka.error.ApiException;
import dev.tarkka.series.TestNames;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** What the dashboard's pages read that Nyrkio's API has no answer for, in the shapes the pages draw. */
@Path("/api/v0/dashboard")
@Authenticated
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
    public Uni<List<LatestPoint>> latest() {
        return dashboard.latest(caller.id());
    }

    /** Everything a test's page draws; 404 for a test without points of its own. */
    @GET
    @Path("/series/{name: .+}")
    public Uni<ChartSeries> series(@PathParam("name") String name) {
        return dashboard.series(caller.id(), TestNames.require(name)).onItem().ifNull().failWith(ApiException::notFound);
    }
}
