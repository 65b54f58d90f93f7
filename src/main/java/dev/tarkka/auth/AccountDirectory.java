package dev.tarkka.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The accounts, for work done across users and for administrators. */
@ApplicationScoped
public class AccountDirectory {

    private final UserRepository users;
    private final OrganizationRepository organizations;

    AccountDirectory(UserRepository users, OrganizationRepository organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    public Multi<ObjectId> userIds() {
        return users.active().map(account -> account.id);
    }

    /** Everyone who owns tests: the active users, then every organization (a walk of the name index). */
    public Multi<ObjectId> ownerIds() {
        return Multi.createBy().concatenating().streams(userIds(),
                organizations.find("name_key >= ?1", "").stream().map(organization -> organization.id));
    }

    /** Every account, active or not, by email: a walk of the email index. */
    public Multi<UserAccount> all() {
        return users.find("email_key >= ?1", io.quarkus.panache.common.Sort.ascending("email_key"), "").stream();
    }

    /** The account of that email (ignoring case), or null. */
    public Uni<UserAccount> byEmail(String email) {
        if (email == null || email.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return users.findByEmail(email);
    }

    /**
     * Activates or deactivates the account of that email; null when there is none. A deactivated user's logins,
     * cookies and API tokens are refused from their next request on, on every replica: each request reads the
     * account.
     */
    public Uni<UserAccount> setActive(String email, boolean active) {
        return byEmail(email).chain(account -> {
            if (account == null) {
                return Uni.createFrom().nullItem();
            }
            account.active = active;
            return users.update(account);
        });
    }
}
