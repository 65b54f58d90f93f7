package dev.tarkka.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.tarkka.error.ApiException;
import dev.tarkka.store.StoreErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Organizations and their members. Every check reads the store, so a removed member or a deactivated user is
 * refused on the next request, on every replica.
 */
@ApplicationScoped
public class Organizations {

    public static final String NO_SUCH_ORGANIZATION = "No such organization exists";
    public static final String NO_SUCH_USER = "No such user exists";
    static final String NEEDS_AN_OWNER = "An organization needs an owner: make another member owner first";

    /** A valid first path segment, as GitHub logins are: letters, digits, '-', '_' and '.', not starting with a dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    /** The literal segments of the {@code /orgs/...} routes: an organization of that name could not be reached. */
    static final Set<String> RESERVED = Set.of("result", "results", "config", "org", "changes", "pulls", "members",
            "subscriptions");

    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final ApiTokenRepository tokens;

    Organizations(OrganizationRepository organizations, MembershipRepository memberships, UserRepository users,
            ApiTokenRepository tokens) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
        this.tokens = tokens;
    }

    /** An organization with the caller's role in it. */
    public record Membered(Organization organization, OrgRole role) {
    }

    /** A member as the members list shows one. */
    public record Member(String email, OrgRole role) {
    }

    /** Whether the name can name a new organization: a first path segment, none of the route words. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !RESERVED.contains(Organization.nameKey(name));
    }

    /** Creates the organization with the user as its owner; 400 when the name is taken (ignoring case). */
    public Uni<Membered> create(AuthenticatedUser user, String name) {
        Organization organization = new Organization();
        organization.id = new ObjectId();
        organization.name = name;
        organization.nameKey = Organization.nameKey(name);
        organization.created = now();
        Membership owner = membership(organization.id, user.id(), OrgRole.OWNER);
        return organizations.persist(organization)
                .onFailure(StoreErrors::isDuplicateKey)
                .transform(e -> ApiException.badRequest("Organization already exists: " + name))
                .chain(() -> memberships.persist(owner)
                        // no organization without an owner
                        .onFailure().call(e -> organizations.deleteById(organization.id)))
                .replaceWith(new Membered(organization, OrgRole.OWNER));
    }

    /**
     * The organization if the user may act on it so: 404 when it does not exist, the user is not a member or
     * the user's token is scoped to another organization (it does not exist for them), 403 when the role does
     * not allow it.
     */
    public Uni<Organization> resolve(AuthenticatedUser user, String name, OrgRole.Access access) {
        if (name == null || name.isEmpty()) {
            return Uni.createFrom().failure(ApiException.notFound(NO_SUCH_ORGANIZATION));
        }
        return organizations.findByName(name)
                .chain(organization -> organization == null
                        || (user.orgScope() != null && !user.orgScope().equals(organization.id))
                                ? Uni.createFrom().<Organization>failure(ApiException.notFound(NO_SUCH_ORGANIZATION))
                                : memberships.find(organization.id, user.id()).map(membership -> {
                                    OrgRole role = membership == null ? null : membership.orgRole();
                                    if (role == null) {
                                        throw ApiException.notFound(NO_SUCH_ORGANIZATION);
                                    }
                                    if (!role.allows(access)) {
                                        throw new ApiException(403, "Forbidden");
                                    }
                                    return organization;
                                }));
    }

    /** The user's organizations (only the token's one for an organization-scoped token), by name. */
    public Uni<List<Membered>> of(AuthenticatedUser user) {
        return memberships.ofUser(user.id())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(m -> user.orgScope() == null || user.orgScope().equals(m.orgId))
                .onItem().transformToUniAndConcatenate(m -> organizations.findById(m.orgId)
                        .map(o -> o == null || m.orgRole() == null ? null : new Membered(o, m.orgRole())))
                .filter(Objects::nonNull)
                .collect().asList()
                .map(list -> list.stream().sorted((a, b) -> a.organization().nameKey.compareTo(b.organization().nameKey))
                        .toList());
    }

    public Uni<List<Member>> members(Organization organization) {
        return memberships.ofOrganization(organization.id)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(m -> users.findById(m.userId)
                        .map(u -> u == null || m.orgRole() == null ? null : new Member(u.email, m.orgRole())))
                .filter(Objects::nonNull)
                .collect().asList();
    }

    /** Adds the user of that email with the role, or changes their role; the last owner stays an owner. */
    public Uni<Member> setMember(Organization organization, String email, OrgRole role) {
        return users.findByEmail(email)
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_USER))
                .chain(account -> memberships.find(organization.id, account.id).chain(existing -> {
                    if (existing == null) {
                        return memberships.persist(membership(organization.id, account.id, role))
                                .onFailure(StoreErrors::isDuplicateKey)
                                .transform(e -> ApiException.badRequest("Already a member: " + email))
                                .replaceWith(new Member(account.email, role));
                    }
                    Uni<Void> ownerKept = existing.orgRole() == OrgRole.OWNER && role != OrgRole.OWNER
                            ? keepsAnOwner(organization) : Uni.createFrom().voidItem();
                    existing.role = role.value();
                    return ownerKept.chain(() -> memberships.update(existing)).replaceWith(new Member(account.email, role));
                }));
    }

    /**
     * Removes the member of that email: an owner removes anyone, anyone removes themselves (leaves). The last
     * owner cannot go. 404 when that user is not a member.
     */
    public Uni<Void> removeMember(Organization organization, AuthenticatedUser by, String email) {
        return users.findByEmail(email)
                .onItem().ifNull().failWith(() -> ApiException.notFound(NO_SUCH_USER))
                .chain(account -> Uni.combine().all()
                        .unis(memberships.find(organization.id, account.id), memberships.find(organization.id, by.id()))
                        .asTuple().chain(found -> {
                            Membership target = found.getItem1();
                            Membership self = found.getItem2();
                            if (target == null) {
                                return Uni.createFrom().failure(ApiException.notFound(NO_SUCH_USER));
                            }
                            boolean leaving = target.userId.equals(by.id());
                            if (!leaving && (self == null || self.orgRole() != OrgRole.OWNER)) {
                                return Uni.createFrom().failure(new ApiException(403, "Forbidden"));
                            }
                            Uni<Void> ownerKept = target.orgRole() == OrgRole.OWNER ? keepsAnOwner(organization)
                                    : Uni.createFrom().voidItem();
                            return ownerKept.chain(() -> memberships.remove(organization.id, account.id))
                                    .replaceWithVoid();
                        }));
    }

    /** Forgets the organization: its members and the API tokens scoped to it (its data is deleted before). */
    public Uni<Void> delete(Organization organization) {
        return tokens.deleteScopedTo(organization.id)
                .chain(() -> memberships.removeAll(organization.id))
                .chain(() -> organizations.deleteById(organization.id))
                .replaceWithVoid();
    }

    private Uni<Void> keepsAnOwner(Organization organization) {
        return memberships.owners(organization.id).invoke(owners -> {
            if (owners <= 1) {
                throw ApiException.badRequest(NEEDS_AN_OWNER);
            }
        }).replaceWithVoid();
    }

    private static Membership membership(ObjectId orgId, ObjectId userId, OrgRole role) {
        Membership membership = new Membership();
        membership.orgId = orgId;
        membership.userId = userId;
        membership.role = role.value();
        membership.created = now();
        return membership;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
