package dev.tarkka.summaries;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import dev.tarkka.auth.AccountDirectory;
import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.error.ApiException;
import dev.tarkka.http.ApiDocumentation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Dashboard summaries and the per-commit view of the caller's tests (api.md §4.9, §4.10). */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final SummaryService summaries;
    private final AccountDirectory accounts;
    private final Caller caller;

    SummaryResource(SummaryService summaries, AccountDirectory accounts, Caller caller) {
        this.summaries = summaries;
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/result/{prefix: .*}/summary")
    @Operation(summary = "The dashboard summary of a test, or of every test under a prefix")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Summary> summary(@PathParam("prefix") String prefix) {
        ObjectId owner = caller.id();
        return summaries.summary(owner, prefix).onItem().ifNull().failWith(() -> ApiException.notFound(
                "Not Found: test_name_prefix=" + prefix + " user.id=" + owner.toHexString()));
    }

    @GET
    @Path("/result/summarySiblings")
    @Operation(summary = "The summaries of every test and prefix, by name")
    @APIResponse(responseCode = "200", description = "The summaries")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Map<String, Summary>> everything() {
        return summaries.everything(caller.id()).map(found -> found.isEmpty() ? null : found)
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    @GET
    @Path("/result/{parent: .*}/summarySiblings")
    @Operation(summary = "The summaries of the direct children of a prefix, by name")
    @APIResponse(responseCode = "200", description = "The summaries")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Map<String, Summary>> children(@PathParam("parent") String parent) {
        return summaries.children(caller.id(), parent).map(found -> found.isEmpty() ? null : found)
                .onItem().ifNull().failWith(() -> ApiException.notFound(
                        "Not Found (summarySiblings, no children for " + parent + ")"));
    }

    @GET
    @Path("/changes/perCommit/{prefix: .*}")
    @Operation(summary = "Change points of the tests under a prefix: one entry per commit and test, newest first")
    public Uni<List<PerCommitEntry>> perCommit(@PathParam("prefix") String prefix,
            @QueryParam("commit") String commit) {
        return summaries.perCommit(caller.id(), prefix, commit);
    }

    // ------------------------------------------------------------------ organizations' tests (api.md §9)

    @GET
    @Path("/orgs/result/{prefix: .*}/summary")
    @Operation(summary = "The dashboard summary of an organization's test, or of its tests under a prefix")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Summary> orgSummary(@PathParam("prefix") String prefix) {
        return caller.orgOfTest(prefix, Access.READ).chain(owner -> summaries.summary(owner, prefix))
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    @GET
    @Path("/orgs/result/summarySiblings")
    @Operation(summary = "Always {}, as in Nyrkio (no organization is named)")
    @APIResponse(responseCode = "200", description = "{}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "empty", value = "{}")))
    public Map<String, Summary> orgEverything() {
        caller.user();
        return Map.of();
    }

    /** Nyrkio's organization variant: every name that starts with the prefix, at any depth, the prefix itself too. */
    @GET
    @Path("/orgs/result/{prefix: .*}/summarySiblings")
    @Operation(summary = "The summaries of an organization's tests and prefixes that start with the prefix, by name")
    @APIResponse(responseCode = "200", description = "The summaries")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Map<String, Summary>> orgUnder(@PathParam("prefix") String prefix) {
        return caller.orgOfTest(prefix, Access.READ).chain(owner -> summaries.everything(owner))
                .map(all -> all.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new)))
                .map(found -> found.isEmpty() ? null : (Map<String, Summary>) found)
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    @GET
    @Path("/orgs/changes/perCommit/{prefix: .*}")
    @Operation(summary = "Change points of an organization's tests under a prefix: one entry per commit and test")
    public Uni<List<PerCommitEntry>> orgPerCommit(@PathParam("prefix") String prefix,
            @QueryParam("commit") String commit) {
        return caller.orgOfTest(prefix, Access.READ).chain(owner -> summaries.perCommit(owner, prefix, commit));
    }

    /**
     * Brings every user's summaries up to date now. Reads already do this for what they show; this is for
     * operators who want the work done ahead of the next dashboard visit. Answers the number of tests.
     */
    @GET
    @Path("/results/precompute")
    @RolesAllowed("admin")
    @Operation(summary = "Bring every user's and organization's summaries up to date now (administrators); answers the number of tests")
    @APIResponse(responseCode = "200", description = "The number of tests", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.INTEGER), examples = @ExampleObject(name = "tests", value = "42")))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "forbidden", value = "{\"detail\": \"Forbidden\"}")))
    public Uni<Integer> precompute() {
        return accounts.ownerIds().onItem().transformToUniAndConcatenate(summaries::precompute)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
