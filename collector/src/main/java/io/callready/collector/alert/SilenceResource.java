package io.callready.collector.alert;

import io.callready.collector.tenant.TenantService;
import io.callready.collector.alert.AlertViews.SilenceRequest;
import io.callready.collector.alert.AlertViews.SilenceView;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Silences (maintenance windows) of a customer or one of its sites. */
@Path("/api/v1/customers/{customerId}/silences")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Alerts", description = "Alerts, cross-site incidents, thresholds and silences (staff token; writes need an admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Bad field; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SilenceResource {
    @Inject
    TenantService tenants;
    @Inject
    SilenceService silences;


    @POST
    @Operation(summary = "Silence a customer or one site (maintenance window)",
            description = "Body: {\"siteId\": optional, \"startsAt\": optional (now), \"endsAt\" or \"duration\": \"2h\", \"comment\"}. "
                    + "Alerts keep their state; their messages wait until the silence ends.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SilenceView.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("customerId") UUID customerId, SilenceRequest request) {
        tenants.writableCustomer(customerId);
        return Response.status(Response.Status.CREATED).entity(silences.create(customerId, request)).build();
    }

    @GET
    @Operation(summary = "Current, future and recently ended silences of a customer")
    public List<SilenceView> list(@PathParam("customerId") UUID customerId) {
        tenants.visibleCustomer(customerId);
        return silences.list(customerId);
    }

    @DELETE
    @Path("/{silenceId}")
    @Operation(summary = "End a silence now")
    @APIResponse(responseCode = "204", description = "Ended")
    public void expire(@PathParam("customerId") UUID customerId, @PathParam("silenceId") UUID silenceId) {
        tenants.writableCustomer(customerId);
        silences.expire(customerId, silenceId);
    }
}
