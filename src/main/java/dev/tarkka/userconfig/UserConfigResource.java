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

import com.fasterxml.jackson.databind.node.NullNode;

import dev.tarkka.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** {@code /api/v0/user/config}: POST and PUT both merge (api.md §6) and answer {@code null}. */
@Path("/api/v0/user/config")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserConfigResource {

    private final UserConfigService configs;
    private final Caller caller;

    UserConfigResource(UserConfigService configs, Caller caller) {
        this.configs = configs;
        this.caller = caller;
    }

    @GET
    public Uni<UserConfig> get() {
        return configs.read(caller.id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@Valid UserConfigRequest request) {
        return configs.write(caller.id(), request == null ? empty() : request).map(done -> jsonNull());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@Valid UserConfigRequest request) {
        return post(request);
    }

    @DELETE
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
