package dev.tarkka.orgs;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.tarkka.auth.Caller;
import dev.tarkka.auth.OrgRole;
import dev.tarkka.auth.Organizations;
import dev.tarkka.error.ApiException;
import dev.tarkka.error.ValidationProblem;
import dev.tarkka.http.ApiDocumentation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Tarkka's organizations: {@code GET /orgs/} in Nyrkio's shape (each entry with {@code organization.login}), and
 * the endpoints Nyrkio leaves to GitHub: creating one, its members and their roles, leaving and deleting it.
 * A user who is not a member gets 404 for everything of an organization, as if it did not exist.
 */
@Path("/api/v0")
@Authenticated
@SecurityRequirement(name = ApiDocumentation.BEARER)
@SecurityRequirement(name = ApiDocumentation.COOKIE)
@Produces(MediaType.APPLICATION_JSON)
public class OrgResource {

    private final Organizations organizations;
    private final OrgService service;
    private final Caller caller;

    OrgResource(Organizations organizations, OrgService service, Caller caller) {
        this.organizations = organizations;
        this.service = service;
        this.caller = caller;
    }

    @Schema(examples = "{\"name\": \"myteam\"}")
    public record CreateRequest(@NotNull String name) {
    }

    @Schema(examples = "{\"role\": \"member\"}")
    public record RoleRequest(@NotNull String role) {
    }

    /** Nyrkio's membership object, with the login at the top too (its legacy shape) and Tarkka's role. */
    @Schema(name = "OrgMembership", examples = """
            {"organization": {"login": "myteam", "id": "65f1c0ffee0123456789abcd"}, "login": "myteam", "id": "65f1c0ffee0123456789abcd",
             "role": "owner", "state": "active"}""")
    public record MembershipView(Map<String, String> organization, String login, String id, String role, String state) {

        static MembershipView of(Organizations.Membered membered) {
            String name = membered.organization().name;
            String id = membered.organization().id.toHexString();
            return new MembershipView(Map.of("login", name, "id", id), name, id, membered.role().value(), "active");
        }
    }

    @Schema(name = "OrgMember", examples = "{\"email\": \"jane@example.com\", \"role\": \"member\"}")
    public record MemberView(String email, String role) {

        static MemberView of(Organizations.Member member) {
            return new MemberView(member.email(), member.role().value());
        }
    }

    @GET
    @Path("/orgs")
    @Operation(summary = "The caller's organizations with their role, by name (only its own for an organization-scoped token)")
    @APIResponse(responseCode = "200", description = "The memberships", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MembershipView[].class)))
    public Uni<List<MembershipView>> list() {
        return organizations.of(caller.user()).map(list -> list.stream().map(MembershipView::of).toList());
    }


    @POST
    @Path("/orgs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization; the caller becomes its owner")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MembershipView.class)))
    @APIResponse(responseCode = "400", description = "The name is taken (ignoring case), or not a valid name", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "taken",
                    value = "{\"detail\": \"Organization already exists: myteam\"}")))
    public Uni<Response> create(@Valid @NotNull CreateRequest request) {
        caller.id(); // an organization-scoped token cannot create organizations
        if (!Organizations.validName(request.name())) {
            throw ApiException.badRequest("Invalid organization name: use letters, digits, '-', '_' and '.' (at most 100,"
                    + " not starting with '.'); result, results, config, org, changes, pulls, members and subscriptions"
                    + " are taken by the API");
        }
        return organizations.create(caller.user(), request.name())
                .map(created -> Response.status(201).entity(MembershipView.of(created)).build());
    }


    @GET
    @Path("/orgs/{org: [^/]+}/members")
    @Operation(summary = "The organization's members and their roles (any member)")
    @APIResponse(responseCode = "200", description = "The members", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MemberView[].class)))
    @APIResponse(responseCode = "404", description = "No such organization, or the caller is not a member", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "not a member",
                    value = "{\"detail\": \"No such organization exists\"}")))
    public Uni<List<MemberView>> members(@PathParam("org") String org) {
        return caller.organization(org, OrgRole.Access.READ).chain(organizations::members)
                .map(list -> list.stream().map(MemberView::of).toList());
    }

    @PUT
    @Path("/orgs/{org: [^/]+}/members/{email: [^/]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a registered user as a member with a role, or change a member's role (owners)")
    @APIResponse(responseCode = "200", description = "The member", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "The last owner would be left without an owner")
    @APIResponse(responseCode = "403", description = "The caller is not an owner", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "forbidden", value = "{\"detail\": \"Forbidden\"}")))
    @APIResponse(responseCode = "404", description = "No such organization, or no user with that email")
    public Uni<MemberView> setMember(@PathParam("org") String org, @PathParam("email") String email,
            @Valid @NotNull RoleRequest request) {
        OrgRole role = OrgRole.of(request.role());
        if (role == null) {
            throw ApiException.invalid(ValidationProblem.at(List.of("body", "role"), "enum",
                    "Input should be 'owner', 'member' or 'viewer'", request.role()));
        }
        return caller.organization(org, OrgRole.Access.MANAGE)
                .chain(organization -> organizations.setMember(organization, email, role)).map(MemberView::of);
    }

    @DELETE
    @Path("/orgs/{org: [^/]+}/members/{email: [^/]+}")
    @Operation(summary = "Remove a member (owners), or leave (anyone, their own email); the last owner cannot go")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    @APIResponse(responseCode = "404", description = "No such organization, or that user is not a member")
    public Uni<Map<String, Object>> removeMember(@PathParam("org") String org, @PathParam("email") String email) {
        return caller.organization(org, OrgRole.Access.READ)
                .chain(organization -> organizations.removeMember(organization, caller.user(), email))
                .replaceWith(Map.of());
    }

    @DELETE
    @Path("/orgs/{org: [^/]+}")
    @Operation(summary = "Delete the organization with all its tests, results, reports and settings (owners)")
    @APIResponse(responseCode = "200", ref = ApiDocumentation.DONE)
    @APIResponse(responseCode = "403", description = "The caller is not an owner")
    @APIResponse(responseCode = "404", description = "No such organization, or the caller is not a member")
    public Uni<Map<String, Object>> delete(@PathParam("org") String org) {
        return caller.organization(org, OrgRole.Access.MANAGE).chain(service::delete).replaceWith(Map.of());
    }

}
