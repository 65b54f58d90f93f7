package dev.tarkka.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.tarkka.auth.AccountDirectory;
import dev.tarkka.auth.UserAccount;
import dev.tarkka.changes.ChangeService;
import dev.tarkka.changes.TestReport;
import dev.tarkka.error.ApiException;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.Streams;
import dev.tarkka.results.ResultService;
import dev.tarkka.results.TestEntry;
import dev.tarkka.series.StoredPoint;
import dev.tarkka.series.TestNames;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Nyrkio's read-only administrator views (api.md §11), for superusers, and deactivating an account. Other users
 * get 403 {@code {"detail": "Forbidden"}}.
 */
@Path("/api/v0/admin")
@RolesAllowed("admin")
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    static final String NO_SUCH_USER = "No such user exists";
    private static final String FORBIDDEN = "{\"detail\": \"Forbidden\"}";

    private final AccountDirectory accounts;
    private final ResultService results;
    private final ChangeService changes;
    private final UserConfigService configs;

    AdminResource(AccountDirectory accounts, ResultService results, ChangeService changes, UserConfigService configs) {
        this.accounts = accounts;
        this.results = results;
        this.changes = changes;
        this.configs = configs;
    }

    @Schema(name = "AdminUser", examples = """
            {"_id": "65f1c0ffee0123456789abcd", "email": "john@example.com", "is_active": true, "is_superuser": false,
             "is_verified": true}""")
    public record UserView(@JsonProperty("_id") String id, String email, @JsonProperty("is_active") boolean isActive,
            @JsonProperty("is_superuser") boolean isSuperuser, @JsonProperty("is_verified") boolean isVerified) {

        static UserView of(UserAccount account) {
            return new UserView(account.id.toHexString(), account.email, account.active, account.superuser,
                    account.verified);
        }
    }

    @Schema(examples = "{\"is_active\": false}")
    public record ActiveRequest(@NotNull @JsonProperty("is_active") Boolean isActive) {
    }

    @GET
    @Path("/all_users")
    @Operation(summary = "Every account (superusers)")
    @APIResponse(responseCode = "200", description = "The accounts", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserView[].class)))
    @APIResponse(responseCode = "403", description = "Not a superuser", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    public Uni<List<UserView>> allUsers() {
        return accounts.all().map(UserView::of).collect().asList();
    }

    @GET
    @Path("/results")
    @Operation(summary = "The test names of every user who has tests, by email (superusers)")
    @APIResponse(responseCode = "200", description = "Test names by email", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "results", value = "{\"john@example.com\": [{\"test_name\": \"bench\"}]}")))
    public Uni<Map<String, List<TestEntry>>> results() {
        return accounts.all()
                .onItem().transformToUniAndConcatenate(account -> results.testNames(account.id)
                        .map(names -> Map.entry(account.email, names)))
                .filter(entry -> !entry.getValue().isEmpty())
                .collect().in(LinkedHashMap<String, List<TestEntry>>::new, (map, e) -> map.put(e.getKey(), e.getValue()));
    }

    @GET
    @Path("/result/{email: [^/]*}/{name: .*}/changes")
    @Operation(summary = "A user's test's change report, with the user's options (superusers)")
    @APIResponse(responseCode = "200", description = "The change report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = "{\"bench\": []}")))
    @APIResponse(responseCode = "404", description = "No user with that email", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "no user", value = "{\"detail\": \"No such user exists\"}")))
    public Uni<TestReport> changes(@PathParam("email") String email, @PathParam("name") String name) {
        String testName = TestNames.require(name);
        return user(email).chain(account -> configs.detectionOptions(account.id)
                .chain(options -> changes.analyse(account.id, testName, options)))
                .map(analysis -> analysis.report());
    }

    @GET
    @Path("/result/{email: [^/]*}/{name: .*}")
    @Operation(summary = "A user's test's points ([] for a test they do not have) (superusers)")
    @APIResponse(responseCode = "200", description = "The points", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "none", value = "[]")))
    @APIResponse(responseCode = "404", description = "No user with that email")
    public Multi<StoredPoint> result(@PathParam("email") String email, @PathParam("name") String name) {
        String testName = TestNames.require(name);
        return Streams.orNotFound(user(email).chain(account -> results.points(account.id, testName, null, null))
                .onItem().ifNull().continueWith(Multi.createFrom().empty()));
    }

    /**
     * Deactivates (or reactivates) an account: a deactivated user cannot log in, and their login tokens, cookies
     * and API tokens are refused from their next request on, on every replica.
     */
    @PUT
    @Path("/users/{email: [^/]+}/active")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deactivate or reactivate an account (superusers); takes effect on the user's next request")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No user with that email")
    public Uni<UserView> setActive(@PathParam("email") String email, @Valid @NotNull ActiveRequest request) {
        return accounts.setActive(email, request.isActive())
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_USER)).map(UserView::of);
    }

    private Uni<UserAccount> user(String email) {
        return accounts.byEmail(email).onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_USER));
    }
}
