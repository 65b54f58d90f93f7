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

import dev.tarkka.auth.AccountDirectory;
import dev.tarkka.auth.Caller;
import dev.tarkka.error.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Dashboard summaries and the per-commit view of the caller's tests (api.md §4.9, §4.10). */
@Path("/api/v0")
@Authenticated
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
    public Uni<Summary> summary(@PathParam("prefix") String prefix) {
        ObjectId owner = caller.id();
        return summaries.summary(owner, prefix).onItem().ifNull().failWith(() -> ApiException.notFound(
                "Not Found: test_name_prefix=" + prefix + " user.id=" + owner.toHexString()));
    }

    @GET
    @Path("/result/summarySiblings")
    public Uni<Map<String, Summary>> everything() {
        return summaries.everything(caller.id()).map(found -> found.isEmpty() ? null : found)
                .onItem().ifNull().failWith(ApiException::notFound);
    }

    @GET
    @Path("/result/{parent: .*}/summarySiblings")
    public Uni<Map<String, Summary>> children(@PathParam("parent") String parent) {
        return summaries.children(caller.id(), parent).map(found -> found.isEmpty() ? null : found)
                .onItem().ifNull().failWith(() -> ApiException.notFound(
                        "Not Found (summarySiblings, no children for " + parent + ")"));
    }

    @GET
    @Path("/changes/perCommit/{prefix: .*}")
    public Uni<List<PerCommitEntry>> perCommit(@PathParam("prefix") String prefix,
            @QueryParam("commit") String commit) {
        return summaries.perCommit(caller.id(), prefix, commit);
    }

    /**
     * Brings every user's summaries up to date now. Reads already do this for what they show; this is for
     * operators who want the work done ahead of the next dashboard visit. Answers the number of tests.
     */
    @GET
    @Path("/results/precompute")
    @RolesAllowed("admin")
    public Uni<Integer> precompute() {
        return accounts.userIds().onItem().transformToUniAndConcatenate(summaries::precompute)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
