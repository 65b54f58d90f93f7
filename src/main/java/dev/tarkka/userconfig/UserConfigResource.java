package dev.tarkka.userconfig;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.auth.Caller;
import dev.tarkka.http.ApiDocumentation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v0/user/config}: POST and PUT both merge (api.md §6) and answer {@code null}. */
@Path("/api/v0/user/config")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class UserConfigResource {

    private final UserConfigService configs;
    private final Caller caller;

    UserConfigResource(UserConfigService configs, Caller caller) {
        this.configs = configs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's configuration; secrets are shown masked")
    public Uni<UserConfig> get() {
        return configs.read(caller.id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge into the caller's configuration (top-level keys)")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    @APIResponse(responseCode = "400", description = "A value out of range, or a notification URL into the service's own network")
    public Uni<Response> post(@Valid UserConfigRequest request) {
        return configs.write(caller.id(), request == null ? empty() : request).map(done -> jsonNull());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same as POST")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    public Uni<Response> put(@Valid UserConfigRequest request) {
        return post(request);
    }

    @DELETE
    @Operation(summary = "Delete the caller's configuration")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.NULL_BODY)
    public Uni<Response> delete() {
        return configs.delete(caller.id()).map(done -> jsonNull());
    }

    /** Nyrkio answers these writes with a JSON {@code null} body, not 204. */
    private static Response jsonNull() {
        return Response.ok(NullNode.getInstance()).build();
    }

    private static UserConfigRequest empty() {
        return new UserConfigRequest(null, null, null, null, null);
    }
}
