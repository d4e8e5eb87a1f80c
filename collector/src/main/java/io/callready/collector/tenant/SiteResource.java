package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.AgentView;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import io.callready.collector.tenant.TenantViews.NameRequest;
import io.callready.collector.tenant.TenantViews.SiteView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SiteResource {
    @Inject
    TenantService tenants;

    @GET
    @Operation(summary = "One site")
    public SiteView get(@PathParam("siteId") UUID siteId) {
        return tenants.site(siteId);
    }

    @PATCH
    @AdminOnly
    @Operation(summary = "Rename a site")
    @APIResponse(responseCode = "409", description = "The customer has a site with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SiteView rename(@PathParam("siteId") UUID siteId, NameRequest request) {
        return tenants.renameSite(siteId, Names.require(request));
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Delete a site", description = "Its agents, enrollment codes and plan override go with it; "
            + "the agents' tokens stop working at once. Stored results stay until retention removes them.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("siteId") UUID siteId) {
        tenants.deleteSite(siteId);
    }

    @POST
    @Path("/agents")
    @AdminOnly
    @Operation(summary = "Create an agent at a site directly",
            description = "The answer carries the agent's bearer token; it is shown only this once. "
                    + "For installing an agent on a site box, an enrollment code (POST /api/v1/sites/{siteId}/enrollment-codes) is usually handier.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolledAgent.class)))
    @APIResponse(responseCode = "409", description = "The site has an active agent with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createAgent(@PathParam("siteId") UUID siteId, NameRequest request) {
        EnrolledAgent agent = tenants.enrollAgent(siteId, Names.require(request));
        return Response.status(Response.Status.CREATED).entity(agent).build();
    }

    @GET
    @Path("/agents")
    @Operation(summary = "List the agents of a site (without tokens)")
    public List<AgentView> agents(@PathParam("siteId") UUID siteId) {
        return tenants.agents(siteId);
    }
}
