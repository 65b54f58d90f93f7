package dev.tarkka.notify;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.tarkka.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The caller's notifications: what was sent where, and a test message to every configured channel. */
@Path("/api/v0/notifications")
@Authenticated
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
    public Uni<List<Notifications.Delivery>> recent() {
        return notifications.recent(caller.id());
    }

    @POST
    @Path("/test")
    public Uni<Map<String, Notifications.TestOutcome>> test() {
        return notifications.test(caller.id());
    }
}
