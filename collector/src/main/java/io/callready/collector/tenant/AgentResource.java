package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.AgentView;
import io.callready.collector.tenant.TenantViews.NameRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/agents/{agentId}")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Tenants")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such agent, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentResource {
    @Inject
    TenantService tenants;

    @GET
    @Operation(summary = "One agent (without its token)")
    public AgentView get(@PathParam("agentId") UUID agentId) {
        return tenants.agent(agentId);
    }

    @PATCH
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename an agent")
    public AgentView rename(@PathParam("agentId") UUID agentId, NameRequest request) {
        return tenants.renameAgent(agentId, Names.require(request));
    }

    @POST
    @Path("/revoke")
    @AdminOnly
    @Operation(summary = "Revoke an agent's token",
            description = "The agent gets 401 from its next request on (tokens are checked against the database on every request); its results stay.")
    @APIResponse(responseCode = "200", description = "Revoked (or already revoked)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentView.class)))
    public AgentView revoke(@PathParam("agentId") UUID agentId) {
        return tenants.revokeAgent(agentId);
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Delete an agent", description = "Its token stops working at once; its results stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("agentId") UUID agentId) {
        tenants.deleteAgent(agentId);
    }
}
