package io.callready.collector.alert;

import io.callready.collector.tenant.TenantService;
import io.callready.collector.alert.AlertViews.IncidentView;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Incidents touching one customer. */
@Path("/api/v1/customers/{customerId}/incidents")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Alerts", description = "Alerts, cross-site incidents, thresholds and silences (staff token; writes need an admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Bad field; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerIncidentResource {
    @Inject
    TenantService tenants;
    @Inject
    AlertQueries queries;


    @GET
    @Operation(summary = "Incidents touching one customer, listing only its alerts (state=open|resolved)")
    public List<IncidentView> incidents(@PathParam("customerId") UUID customerId, @QueryParam("state") String state) {
        tenants.visibleCustomer(customerId);
        return queries.incidents(customerId, state);
    }
}
