package dev.tarkka.http;

import java.util.List;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import dev.tarkka.error.ErrorBody;
import dev.tarkka.error.ValidationProblem;

/**
 * What the OpenAPI document says about the API as a whole: its two credentials and the error answers many
 * endpoints share (referenced by name from the resources and from {@link CommonResponses});
 * the version comes from the build ({@code quarkus.smallrye-openapi.info-version}). Declared on the JAX-RS
 * application, where SmallRye OpenAPI reads the definition; it adds nothing else to it (no path, no classes).
 */
@OpenAPIDefinition(info = @Info(title = "Tarkka API", version = "0.1.0",
        description = "Nyrkio's /api/v0, served by Tarkka: store CI benchmark results, get their change points.",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")), components = @Components(
        securitySchemes = {
                @SecurityScheme(securitySchemeName = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "A login token (POST /api/v0/auth/jwt/login) or an API token (POST /api/v0/auth/token)"),
                @SecurityScheme(securitySchemeName = ApiDocumentation.COOKIE, type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.COOKIE, apiKeyName = "auth_cookie",
                        description = "The cookie POST /api/v0/auth/cookie/login sets") },
        responses = {
                @APIResponse(name = ApiDocumentation.UNAUTHORIZED, responseCode = "401",
                        description = "No valid credential (missing, expired, revoked, or two Authorization headers)",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "unauthorized", value = "{\"detail\": \"Unauthorized\"}"))),
                @APIResponse(name = ApiDocumentation.DELETED, responseCode = "200", description = "Deleted",
                        content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "deleted", value = "[]"))),
                @APIResponse(name = ApiDocumentation.DONE, responseCode = "200", description = "Done",
                        content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "done", value = "{}"))),
                @APIResponse(name = ApiDocumentation.NULL_BODY, responseCode = "200", description = "Done: a JSON null, as Nyrkio answers",
                        content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "null", value = "null"))),
                @APIResponse(name = ApiDocumentation.LOGIN_FAILED, responseCode = "400", description = "Wrong email or password",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "bad credentials",
                                        value = "{\"detail\": \"LOGIN_BAD_CREDENTIALS\"}"))),
                @APIResponse(name = ApiDocumentation.LOGIN_THROTTLED, responseCode = "429",
                        description = "Too many failed logins for the account: retry after Retry-After seconds",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "throttled", value = "{\"detail\": \"Too many failed logins for this"
                                        + " account; retry later\"}"))),
                @APIResponse(name = ApiDocumentation.NOT_FOUND, responseCode = "404", description = "No such test or resource of the caller's",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "not found", value = "{\"detail\": \"Not Found\"}"))),
                @APIResponse(name = ApiDocumentation.VALIDATION_ERROR, responseCode = "422",
                        description = "The body (or a query or path parameter) is not valid: every problem found, in field order",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiDocumentation.ValidationErrorBody.class))),
                @APIResponse(name = ApiDocumentation.TOO_LARGE, responseCode = "413", description = "The body is larger than quarkus.http.limits.max-body-size (10 MB)",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "too large", value = "{\"detail\": \"Request body too large\"}"))),
                @APIResponse(name = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE, responseCode = "415", description = "The body is sent as something other than JSON",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "not json", value = "{\"detail\": \"Unsupported Media Type: send the body as application/json\"}"))),
                @APIResponse(name = ApiDocumentation.INTERNAL_ERROR, responseCode = "500",
                        description = "An unexpected failure; error_id is also in the log, next to the stack trace",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "internal error", value = "{\"detail\": \"Internal error\", "
                                        + "\"error_id\": \"0b8e1f0c-3a7e-4d7a-9c1e-6f2b5d8a9e10\", \"request_id\": \"3f0c9a4e6b2d4c1e\"}"))),
                @APIResponse(name = ApiDocumentation.UNAVAILABLE, responseCode = "503",
                        description = "The store cannot be reached, or change detection is saturated: retry after Retry-After seconds",
                        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                                examples = @ExampleObject(name = "store unavailable", value = "{\"detail\": \"Store unavailable, retry later\", \"request_id\": \"3f0c9a4e6b2d4c1e\"}"))) }))
public class ApiDocumentation extends Application {

    /** A bearer JWT: a login token or an API token. */
    public static final String BEARER = "bearer";
    /** The {@code auth_cookie} cookie of the cookie login. */
    public static final String COOKIE = "auth_cookie";

    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String DELETED = "Deleted";
    public static final String DONE = "Done";
    public static final String NULL_BODY = "Null";
    public static final String LOGIN_FAILED = "LoginFailed";
    public static final String LOGIN_THROTTLED = "LoginThrottled";
    public static final String NOT_FOUND = "NotFound";
    public static final String VALIDATION_ERROR = "ValidationError";
    public static final String TOO_LARGE = "TooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String UNAVAILABLE = "Unavailable";

    /** A 422 answer: {@code {"detail": [problems]}}, the list in the order of the fields. */
    @Schema(name = "ValidationErrorBody", examples = """
            {"detail": [{"type": "missing", "loc": ["body", 0, "attributes", "git_commit"], "msg": "Field required", "input": null}]}""")
    public record ValidationErrorBody(@Schema(required = true) List<ValidationProblem> detail) {
    }
}
