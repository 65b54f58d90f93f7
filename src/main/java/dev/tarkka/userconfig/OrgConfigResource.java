package dev.tarkka.userconfig;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole.Access;
import dev.tarkka.http.ApiDocumentation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/v0/orgs/org/{org}}: an organization's detection options and notifiers, the same document as a
 * user's {@code /user/config}. Members read it (secrets masked); owners change it.
 */
@Path("/api/v0/orgs/org/{org: [^/]+}")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class OrgConfigResource {

    private final UserConfigService configs;
    private final Caller caller;

    OrgConfigResource(UserConfigService configs, Caller caller) {
        this.configs = configs;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The organization's configuration; secrets are shown masked")
    @APIResponse(responseCode = "200", description = "The configuration", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "config", value = "{\"core\": {\"min_magnitude\": 0.05, \"max_pvalue\": 0.001}}")))
    @APIResponse(responseCode = "404", description = "No such organization for the caller")
    public Uni<UserConfig> get(@PathParam("org") String org) {
        return caller.org(org, Access.READ).chain(configs::read);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Merge into the organization's configuration (owners); answers {}")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    @APIResponse(responseCode = "403", description = "The caller is not an owner")
    public Uni<Map<String, Object>> post(@PathParam("org") String org, @Valid UserConfigRequest request) {
        UserConfigRequest body = request == null ? new UserConfigRequest(null, null, null, null, null) : request;
        return caller.org(org, Access.MANAGE).chain(owner -> configs.write(owner, body)).replaceWith(Map.of());
    }
}
