package dev.tarkka.orgs;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.auth.Organization;
import dev.tarkka.auth.Organizations;
import dev.tarkka.changes.DisabledMetrics;
import dev.tarkka.notify.Notifications;
import dev.tarkka.publish.PublicTests;
import dev.tarkka.results.ResultService;
import dev.tarkka.userconfig.UserConfigService;
import io.smallrye.mutiny.Uni;

/**
 * Deleting an organization: its data first (results, pull requests' points, reports, summaries, settings,
 * switches, notifications, public flags), then the organization itself, so that a failure half-way leaves an organization its
 * owner can delete again, never data without an owner.
 */
@ApplicationScoped
public class OrgService {

    private final Organizations organizations;
    private final ResultService results;
    private final UserConfigService configs;
    private final DisabledMetrics switches;
    private final Notifications notifications;
    private final PublicTests publicTests;

    OrgService(Organizations organizations, ResultService results, UserConfigService configs, DisabledMetrics switches,
            Notifications notifications, PublicTests publicTests) {
        this.publicTests = publicTests;
        this.organizations = organizations;
        this.results = results;
        this.configs = configs;
        this.switches = switches;
        this.notifications = notifications;
    }

    public Uni<Void> delete(Organization organization) {
        ObjectId owner = organization.id;
        return results.deleteAll(owner)
                .chain(() -> configs.delete(owner))
                .chain(() -> switches.deleteAll(owner))
                .chain(() -> notifications.forgetAll(owner))
                .chain(() -> publicTests.deleteAll(owner))
                .chain(() -> organizations.delete(organization));
    }
}
