package dev.tarkka.auth;

import jakarta.enterprise.context.RequestScoped;

import org.bson.types.ObjectId;

import dev.tarkka.error.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The user making the current request, for resources behind {@code @Authenticated}, and the owner a request acts
 * as: the user themselves, or an organization they are a member of with a role that allows the request.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final Organizations organizations;

    Caller(SecurityIdentity identity, Organizations organizations) {
        this.identity = identity;
        this.organizations = organizations;
    }

    public AuthenticatedUser user() {
        return AuthenticatedUser.from(identity);
    }

    /**
     * The caller's user id: the owner of everything they upload. An organization-scoped API token has no
     * personal data: 403.
     */
    public ObjectId id() {
        AuthenticatedUser user = user();
        if (user.orgScope() != null) {
            throw scopedTokenRefused();
        }
        return user.id();
    }

    /** The organization of that name, if the caller's role in it allows the access (else 404 or 403). */
    public Uni<Organization> organization(String name, OrgRole.Access access) {
        return organizations.resolve(user(), name, access);
    }

    /** The owner id of the organization of that name, if the caller's role in it allows the access. */
    public Uni<ObjectId> org(String name, OrgRole.Access access) {
        return organization(name, access).map(organization -> organization.id);
    }

    /**
     * The owner of an organization's test: the organization named by the test name's first segment, as in
     * Nyrkio ({@code org/repo/branch/test}).
     */
    public Uni<ObjectId> orgOfTest(String testName, OrgRole.Access access) {
        return org(firstSegment(testName), access);
    }

    /** The first path segment of a test name or repository: the organization's name. */
    public static String firstSegment(String path) {
        if (path == null) {
            return "";
        }
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    static ApiException scopedTokenRefused() {
        return new ApiException(403, "This API token acts for one organization only: use the /orgs paths");
    }
}
