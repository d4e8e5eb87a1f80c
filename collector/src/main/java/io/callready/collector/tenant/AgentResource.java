package io.callready.collector.tenant;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.AgentView;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import io.callready.collector.tenant.TenantViews.NameRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

@Path("/api/v1/sites/{siteId}/agents")
@AdminOnly
@SecurityRequirement(name = "admin")
@Tag(name = "Tenants", description = "Customers, sites and agents (admin token)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentResource {
    @Inject
    TenantService tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enroll an agent at a site", description = "The answer carries the agent's bearer token; it is shown only this once.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolledAgent.class)))
    @APIResponse(responseCode = "404", description = "No such site",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The site has an active agent with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enroll(@PathParam("siteId") UUID siteId, NameRequest request) {
        EnrolledAgent agent = tenants.enrollAgent(siteId, Names.require(request));
        return Response.status(Response.Status.CREATED).entity(agent).build();
    }

    @GET
    @Operation(summary = "List the agents of a site (without tokens)")
    @APIResponse(responseCode = "404", description = "No such site",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AgentView> list(@PathParam("siteId") UUID siteId) {
        return tenants.agents(siteId);
    }
}
