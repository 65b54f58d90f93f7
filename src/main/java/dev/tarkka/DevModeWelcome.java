package dev.tarkka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Tells someone who just ran {@code ./mvnw quarkus:dev} where Tarkka is and what to try first. */
@ApplicationScoped
class DevModeWelcome {

    private static final Logger LOG = Logger.getLogger(DevModeWelcome.class);

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.http.host") String host,
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "tarkka.store.embedded.path") String storePath) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        String base = "http://" + host + ":" + port;
        LOG.infof("""
                Tarkka is running at %s (API under %s/api/v0, health at %s/q/health/ready).
                Next: the README's "Walk-through with curl" registers a user, makes an API token and uploads a result.
                Data and the dev JWT keys stay in %s across restarts.""", base, base, base,
                java.nio.file.Path.of(storePath).toAbsolutePath().normalize().getParent());
    }
}
