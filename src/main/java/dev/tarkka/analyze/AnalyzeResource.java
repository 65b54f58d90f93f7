package dev.tarkka.analyze;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;

import dev.tarkka.auth.Caller;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestReport;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.userconfig.UserConfigService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v0/analyze}: the change report of data sent in the request ({@link AnalyzeRequest}),
 * stored nowhere. Options not given come from the caller's config.
 */
@Path("/api/v0/analyze")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AnalyzeResource {

    private final ChangeService changes;
    private final UserConfigService configs;
    private final Caller caller;
    private final JsonBodies json;

    AnalyzeResource(ChangeService changes, UserConfigService configs, Caller caller, JsonBodies json) {
        this.changes = changes;
        this.configs = configs;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<TestReport> analyze(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body,
            @QueryParam("test_name") String testName) {
        ObjectId owner = caller.id();
        // Parsed where the body was read: off the event loop.
        return json.read(contentType, body)
                .map(parsed -> AnalyzeRequest.of(parsed, testName))
                .chain(request -> configs.detectionOptions(owner)
                        .map(request::options)
                        .chain(options -> changes.report(request.testName(), request.points(), request.disabled(), options)));
    }
}
