package dev.tarkka.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.config.TarkkaConfig;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.ApiDocumentation;
import dev.tarkka.http.Text;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Nyrkio's {@code /api/v0/auth} endpoints, plus API-token listing and revocation. */
@Path("/api/v0")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String COOKIE = "auth_cookie";

    private final AccountService accounts;
    private final AccountFlows flows;
    private final Caller caller;
    private final boolean cookieSecure;

    AuthResource(AccountService accounts, AccountFlows flows, Caller caller, TarkkaConfig config) {
        this.accounts = accounts;
        this.flows = flows;
        this.caller = caller;
        this.cookieSecure = config.auth().cookieSecure();
    }

    @Schema(examples = "{\"email\": \"john@example.com\", \"password\": \"secret\"}")
    public record RegisterRequest(@NotBlank @Email @Size(max = 320) String email,
            @NotNull @Size(min = 1, max = 1024) String password) {
    }

    @Schema(examples = """
            {"id": "65f1c0ffee0123456789abcd", "email": "john@example.com", "is_active": true, "is_superuser": false,
             "is_verified": true}""")
    public record UserRead(String id, String email,
            @JsonProperty("is_active") boolean isActive,
            @JsonProperty("is_superuser") boolean isSuperuser,
            @JsonProperty("is_verified") boolean isVerified) {

        static UserRead of(UserAccount account) {
            return new UserRead(account.id.toHexString(), account.email, account.active, account.superuser,
                    account.verified);
        }

        static UserRead of(AuthenticatedUser user) {
            return new UserRead(user.id().toHexString(), user.email(), user.active(), user.superuser(),
                    user.verified());
        }
    }

    @Schema(examples = "{\"access_token\": \"eyJhbGciOiJSUzI1NiJ9...\", \"token_type\": \"bearer\"}")
    public record BearerToken(String accessToken, String tokenType) {
        static BearerToken of(String token) {
            return new BearerToken(token, "bearer");
        }
    }

    @Schema(examples = "{\"id\": \"6f1d0c8e\", \"created\": \"2026-11-29T10:00:00Z\", \"last_used\": \"2026-11-29T11:00:00Z\"}")
    public record ApiTokenInfo(String id, Instant created, Instant lastUsed) {
    }

    @Schema(examples = "{\"message\": \"Hello john@example.com!\"}")
    public record Message(String message) {
    }

    @Schema(examples = "{\"email\": \"john@example.com\"}")
    public record EmailRequest(@NotBlank @Email @Size(max = 320) String email) {
    }

    @Schema(examples = "{\"token\": \"kq3V0m...\"}")
    public record TokenRequest(@NotNull @Size(max = 200) String token) {
    }

    @Schema(examples = "{\"token\": \"kq3V0m...\", \"password\": \"new secret\"}")
    public record ResetRequest(@NotNull @Size(max = 200) String token, @NotNull String password) {
    }

    @POST
    @Path("/auth/request-verify-token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a verification link to the account of that email if it needs one; the same answer for any email")
    @APIResponse(responseCode = "202", ref = ApiDocumentation.NULL_BODY)
    public Response requestVerifyToken(@Valid @NotNull EmailRequest request) {
        flows.requestVerification(request.email());
        return Response.accepted(NullNode.getInstance()).build();
    }

    @POST
    @Path("/auth/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an email with the token mailed to it (once)")
    @APIResponse(responseCode = "200", description = "Verified", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserRead.class)))
    @APIResponse(responseCode = "400", description = "A bad, used or expired token, or verified already", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad token",
                    value = "{\"detail\": \"VERIFY_USER_BAD_TOKEN\"}")))
    public Uni<UserRead> verify(@Valid @NotNull TokenRequest request) {
        return flows.verify(request.token()).map(UserRead::of);
    }

    @GET
    @Path("/auth/verify-email/{token}")
    @Operation(summary = "The link of the verification mail: verifies, then redirects to the login page")
    @APIResponse(responseCode = "307", description = "Verified; Location: /login")
    @APIResponse(responseCode = "400", description = "A bad, used or expired token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad token",
                    value = "{\"detail\": \"VERIFY_USER_BAD_TOKEN\"}")))
    @APIResponse(responseCode = "409", description = "Verified already")
    public Uni<Response> verifyEmail(@PathParam("token") String token) {
        return flows.verify(token)
                .map(account -> Response.temporaryRedirect(java.net.URI.create("/login")).build())
                .onFailure(e -> e instanceof ApiException api && AccountFlows.ALREADY_VERIFIED.equals(api.detail()))
                .transform(e -> new ApiException(409, AccountFlows.ALREADY_VERIFIED));
    }

    @POST
    @Path("/auth/forgot-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a password reset token to the account of that email; the same answer for any email")
    @APIResponse(responseCode = "202", ref = ApiDocumentation.NULL_BODY)
    public Response forgotPassword(@Valid @NotNull EmailRequest request) {
        flows.forgotPassword(request.email());
        return Response.accepted(NullNode.getInstance()).build();
    }

    @POST
    @Path("/auth/reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the mailed token (once); the account's login sessions end")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    @APIResponse(responseCode = "400", description = "A bad, used or expired token, or an unusable password", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad token",
                    value = "{\"detail\": \"RESET_PASSWORD_BAD_TOKEN\"}")))
    public Uni<Response> resetPassword(@Valid @NotNull ResetRequest request) {
        String password = request.password();
        if (password.isEmpty() || password.length() > 1024 || !Text.isStorable(password)) {
            throw ApiException.badRequest(Map.of("code", "RESET_PASSWORD_INVALID_PASSWORD",
                    "reason", "The password must be 1 to 1024 characters of valid text"));
        }
        return flows.resetPassword(request.token(), password).replaceWith(Response.ok(NullNode.getInstance()).build());
    }

    @POST
    @Path("/auth/register")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an account; it can log in at once")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UserRead.class)))
    @APIResponse(responseCode = "400", description = "The email is registered already", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "exists",
                    value = "{\"detail\": \"REGISTER_USER_ALREADY_EXISTS\"}")))
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        if (!Text.isStorable(request.email()) || !Text.isStorable(request.password())) {
            throw ApiException.invalid(ValidationProblem.invalidText(List.of("body"),
                    "Strings must be valid Unicode without NUL characters"));
        }
        return accounts.register(request.email(), request.password())
                .map(account -> Response.status(201).entity(UserRead.of(account)).build());
    }

    @POST
    @Path("/auth/jwt/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log in: a login token (expires after tarkka.auth.session-ttl)")
    @APIResponse(responseCode = "200", description = "Logged in", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BearerToken.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = Credentials.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.LOGIN_FAILED)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.LOGIN_THROTTLED)
    public Uni<BearerToken> login(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] form) {
        Credentials credentials = Credentials.of(FormBody.parse(contentType, form));
        return accounts.login(credentials.username(), credentials.password())
                .map(account -> BearerToken.of(accounts.sessionToken(account)));
    }

    @POST
    @Path("/auth/jwt/logout")
    @Authenticated
    @Operation(summary = "Log out (login tokens expire on their own; the client drops its copy)")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @APIResponse(responseCode = "204", description = "Logged out")
    public Response logout() {
        caller.user();
        // Login tokens are stateless and expire on their own; the client drops its copy.
        return Response.noContent().build();
    }

    @POST
    @Path("/auth/cookie/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log in: the auth_cookie cookie")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = Credentials.class)))
    @APIResponse(responseCode = "204", description = "Logged in; Set-Cookie: auth_cookie")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.LOGIN_FAILED)
    @APIResponse(responseCode = "429", ref = ApiDocumentation.LOGIN_THROTTLED)
    public Uni<Response> cookieLogin(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] form) {
        Credentials credentials = Credentials.of(FormBody.parse(contentType, form));
        return accounts.login(credentials.username(), credentials.password())
                .map(account -> Response.noContent().cookie(cookie(accounts.sessionToken(account), -1)).build());
    }

    @POST
    @Path("/auth/cookie/logout")
    @Authenticated
    @Operation(summary = "Log out: the cookie is cleared")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @APIResponse(responseCode = "204", description = "Logged out; the cookie is cleared")
    public Response cookieLogout() {
        caller.user();
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    @POST
    @Path("/auth/token")
    @Authenticated
    @Operation(summary = "A new API token for CI: no expiry unless tarkka.auth.api-token-ttl, revocable; with ?org= it"
            + " acts only for that organization, with the caller's role there")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @Parameter(name = "org", description = "The organization the token acts for (and nothing else)",
            schema = @Schema(type = SchemaType.STRING, examples = "myteam"))
    @APIResponse(responseCode = "200", description = "The token", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BearerToken.class)))
    @APIResponse(responseCode = "404", description = "No such organization for the caller")
    public Uni<BearerToken> createApiToken(@QueryParam("org") String org) {
        if (org == null) {
            return accounts.createApiToken(caller.user()).map(BearerToken::of);
        }
        return caller.organization(org, OrgRole.Access.READ)
                .chain(organization -> accounts.createApiToken(caller.user(), organization.id)).map(BearerToken::of);
    }

    @GET
    @Path("/auth/tokens")
    @Authenticated
    @Operation(summary = "The caller's API tokens (never the tokens themselves)")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    public Uni<List<ApiTokenInfo>> apiTokens() {
        return accounts.apiTokens(caller.id())
                .map(tokens -> tokens.stream().map(t -> new ApiTokenInfo(t.id, t.created, t.lastUsed)).toList());
    }

    @DELETE
    @Path("/auth/tokens/{id}")
    @Authenticated
    @Operation(summary = "Revoke an API token: it is refused from then on")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    public Uni<Response> revokeApiToken(@PathParam("id") String id) {
        return accounts.revokeApiToken(caller.id(), id)
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/auth/authenticated-route")
    @Authenticated
    @Operation(summary = "Whether the credential works")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    public Message authenticatedRoute() {
        return new Message("Hello " + caller.user().email() + "!");
    }

    @GET
    @Path("/users/me")
    @Authenticated
    @Operation(summary = "The caller's account")
    @SecurityRequirement(name = ApiDocumentation.BEARER)
    @SecurityRequirement(name = ApiDocumentation.COOKIE)
    public UserRead me() {
        return UserRead.of(caller.user());
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).secure(cookieSecure)
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    /** The OAuth2 password form of Nyrkio: each field exactly once, reported like any validation error. */
    @Schema(name = "LoginForm", examples = "{\"username\": \"john@example.com\", \"password\": \"secret\"}")
    record Credentials(@Schema(required = true, description = "The email") String username,
            @Schema(required = true) String password) {

        static Credentials of(Map<String, List<String>> form) {
            List<ValidationProblem> problems = new ArrayList<>();
            String user = single("username", form.get("username"), problems);
            String secret = single("password", form.get("password"), problems);
            if (!problems.isEmpty()) {
                throw ApiException.validation(problems);
            }
            return new Credentials(user, secret);
        }

        private static String single(String field, List<String> values, List<ValidationProblem> problems) {
            List<Object> loc = List.of("body", field);
            if (values == null || values.isEmpty()) {
                problems.add(ValidationProblem.missing(loc, null));
            } else if (values.size() > 1) {
                problems.add(ValidationProblem.valueError(loc, "the field is given more than once", null));
            } else if (!Text.isStorable(values.get(0)) || values.get(0).length() > 1024) {
                problems.add(ValidationProblem.at(loc, "string_type", "Input should be valid text of at most 1024 characters", null));
            } else {
                return values.get(0);
            }
            return null;
        }
    }
}
