package dev.tarkka.summaries;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;

import dev.tarkka.auth.AccountDirectory;
import dev.tarkka.auth.AuthenticatedUser;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Dashboard summaries and the per-commit view of the caller's tests (api.md §4.9, §4.10). */
@Path("/api/v0")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final SummaryService summaries;
    private final AccountDirectory accounts;
    private final SecurityIdentity identity;

    SummaryResource(SummaryService summaries, AccountDirectory accounts, SecurityIdentity identity) {
        this.summaries = summaries;
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Path("/result/{prefix: .*}/summary")
    public Uni<Map<String, Object>> summary(@PathParam("prefix") String prefix) {
        return summaries.summary(caller(), prefix);
    }

    @GET
    @Path("/result/summarySiblings")
    public Uni<Map<String, Object>> everything() {
        return summaries.everything(caller());
    }

    @GET
    @Path("/result/{parent: .*}/summarySiblings")
    public Uni<Map<String, Object>> children(@PathParam("parent") String parent) {
        return summaries.children(caller(), parent);
    }

    @GET
    @Path("/changes/perCommit/{prefix: .*}")
    public Uni<List<Map<String, Object>>> perCommit(@PathParam("prefix") String prefix,
            @QueryParam("commit") String commit) {
        return summaries.perCommit(caller(), prefix, commit);
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
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private ObjectId caller() {
        return AuthenticatedUser.from(identity).id();
    }
}
