package dev.tarkka.notify;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
import dev.tarkka.http.ApiDocumentation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The caller's notifications: what was sent where, and a test message to every configured channel. */
@Path("/api/v0/notifications")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Notifications notifications;
    private final Caller caller;

    NotificationResource(Notifications notifications, Caller caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    /** The newest 100 recorded notifications, with their delivery status and last error. */
    @GET
    @Operation(summary = "The caller's newest 100 notifications and how their delivery went")
    public Uni<List<Notifications.Delivery>> recent() {
        return notifications.recent(caller.id());
    }

    @POST
    @Path("/test")
    @Operation(summary = "Send a test message to every configured channel now, and say per channel whether it worked")
    @APIResponse(responseCode = "200", description = "The outcome per channel")
    @APIResponse(responseCode = "400", description = "No channel is configured")
    public Uni<Map<String, Notifications.TestOutcome>> test() {
        return notifications.test(caller.id());
    }
}
