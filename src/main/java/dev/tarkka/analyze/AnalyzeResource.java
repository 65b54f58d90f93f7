package dev.tarkka.analyze;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

import dev.tarkka.auth.Caller;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestReport;
import dev.tarkka.detection.DetectionOptions;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.JsonBodies;
import dev.tarkka.series.ResultInput;
import dev.tarkka.series.UploadBody;
import dev.tarkka.userconfig.UserConfigService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v0/analyze}: the change report of data sent in the request ({@link AnalyzeRequest}),
 * stored nowhere. Options not given come from the caller's config.
 */
@Path("/api/v0/analyze")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class AnalyzeResource {

    /** A bare series, for the API description: {@link AnalyzeRequest} reads it. */
    @Schema(name = "AnalyzeSeries", examples = """
            {"series": [10, 10.2, 9.9, 10.1, 15, 15.2, 14.9, 15.1], "window_len": 50, "algorithm": "otava"}""")
    record SeriesBody(@Schema(required = true, description = "Numbers; null for a missing value") List<Double> series,
            @Schema(description = "One integer per value; default: the positions") List<Long> time,
            @Schema(description = "The metric's name in the report; default \"value\"") String metric,
            String testName, Integer windowLen, Double maxPvalue, Double minMagnitude,
            @Schema(enumeration = { "otava", "hunter", "tarkka" }) String algorithm) {
    }

    /** Results in the upload format with options, for the API description. */
    @Schema(name = "AnalyzeResults")
    record ResultsBody(@Schema(required = true) List<ResultInput> results,
            String testName, @Schema(description = "Metrics to leave out") List<String> disabled, Integer windowLen,
            Double maxPvalue, Double minMagnitude, @Schema(enumeration = { "otava", "hunter", "tarkka" }) String algorithm) {
    }

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
    @Operation(summary = "The change report of data sent in the request, stored nowhere")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            oneOf = { AnalyzeResource.SeriesBody.class, AnalyzeResource.ResultsBody.class, UploadBody.class })))
    @APIResponse(responseCode = "200", description = "The change report; the test is named by test_name, else \"analysis\"")
    @APIResponse(responseCode = "400", description = "An option out of range (as in /user/config)")
    public Uni<TestReport> analyze(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body,
            @QueryParam("test_name") String testName) {
        ObjectId owner = caller.id();
        // The body is parsed off the event loop while the caller's options are read.
        return Uni.combine().all()
                .unis(json.read(contentType, body, AnalyzeRequest.Body::read).map(read -> read.request(testName)),
                        configs.detectionOptions(owner))
                .asTuple()
                .chain(both -> report(both.getItem1(), both.getItem2()));
    }

    private Uni<TestReport> report(AnalyzeRequest request, DetectionOptions callersOptions) {
        return changes.report(request.testName(), request.series(), request.disabled(), request.options(callersOptions));
    }
}
