package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.AgentView;
import jakarta.inject.Inject;
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

@Path("/api/v1/agents/{agentId}/revoke")
@AdminOnly
@SecurityRequirement(name = "admin")
@Tag(name = "Tenants", description = "Customers, sites and agents (admin token)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentRevocationResource {
    @Inject
    TenantService tenants;

    @POST
    @Operation(summary = "Revoke an agent's token", description = "The agent gets 401 from then on; its results stay.")
    @APIResponse(responseCode = "200", description = "Revoked (or already revoked)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "404", description = "No such agent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgentView revoke(@PathParam("agentId") UUID agentId) {
        return tenants.revokeAgent(agentId);
    }
}
