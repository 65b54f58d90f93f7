package dev.tarkka.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.tarkka.config.TarkkaConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates or updates the first administrator from TARKKA_ADMIN_EMAIL / TARKKA_ADMIN_PASSWORD. Runs in the
 * background and retries while the store is unreachable: startup never waits for MongoDB.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final AccountService accounts;
    private final TarkkaConfig.Admin admin;

    AdminBootstrap(AccountService accounts, TarkkaConfig config) {
        this.accounts = accounts;
        this.admin = config.admin();
    }

    void onStart(@Observes StartupEvent event) {
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            if (admin.email().isPresent() != admin.password().isPresent()) {
                LOG.warn("Administrator not created: set both TARKKA_ADMIN_EMAIL and TARKKA_ADMIN_PASSWORD");
            }
            return;
        }
        String email = admin.email().get();
        accounts.ensureAdministrator(email, admin.password().get())
                .onFailure().invoke(e -> LOG.warnf("Administrator %s not created yet (%s); retrying", email, e.getMessage()))
                .onFailure().retry().withBackOff(RETRY_DELAY, RETRY_DELAY).indefinitely()
                .subscribe().with(account -> LOG.infof("Administrator %s is ready", email));
    }
}
