package io.callready.collector.alert;

import io.callready.collector.tenant.TenantService;
import io.callready.collector.alert.AlertViews.ThresholdPair;
import io.callready.collector.alert.AlertViews.ThresholdsView;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import java.util.Map;
import java.util.UUID;

/** Threshold overrides of a customer. */
@Path("/api/v1/customers/{customerId}/thresholds")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Alerts", description = "Alerts, cross-site incidents, thresholds and silences (staff token; writes need an admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Bad field; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerThresholdResource {
    @Inject
    TenantService tenants;
    @Inject
    ThresholdService thresholds;


    @GET
    @Operation(summary = "Thresholds in force for the customer's sites without their own override")
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ThresholdsView get(@PathParam("customerId") UUID customerId) {
        tenants.visibleCustomer(customerId);
        return thresholds.forCustomer(customerId);
    }

    @PUT
    @Operation(summary = "Replace the customer's overrides",
            description = "Body: {\"jitter_ms\": {\"warning\": 25, \"critical\": 40}, ...} with metrics jitter_ms, loss_ratio, "
                    + "rtt_ms, mos; metrics left out use the defaults.")
    public ThresholdsView put(@PathParam("customerId") UUID customerId, Map<String, ThresholdPair> body) {
        tenants.writableCustomer(customerId);
        return thresholds.replaceForCustomer(customerId, body);
    }
}
