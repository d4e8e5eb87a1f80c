package io.callready.collector.alert;

import io.callready.collector.alert.AlertViews.AlertView;
import io.callready.collector.alert.AlertViews.IncidentView;
import io.callready.collector.alert.AlertViews.SilenceRequest;
import io.callready.collector.alert.AlertViews.SilenceView;
import io.callready.collector.alert.AlertViews.ThresholdPair;
import io.callready.collector.alert.AlertViews.ThresholdsView;
import io.callready.collector.auth.AdminOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alerts, incidents, thresholds and silences; every customer-scoped call names its customer in the path. */
@Path("/api/v1")
@AdminOnly
@SecurityRequirement(name = "admin")
@Tag(name = "Alerts", description = "Alerts, cross-site incidents, thresholds and silences (admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Bad field; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertResource {
    @Inject
    AlertQueries queries;
    @Inject
    ThresholdService thresholds;
    @Inject
    SilenceService silences;

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts of every customer, newest first (state=firing|resolved)")
    public List<AlertView> alerts(@QueryParam("state") String state) {
        return queries.alerts(null, state);
    }

    @GET
    @Path("/customers/{customerId}/alerts")
    @Operation(summary = "Alerts of one customer, newest first (state=firing|resolved)")
    public List<AlertView> customerAlerts(@PathParam("customerId") UUID customerId, @QueryParam("state") String state) {
        return queries.alerts(customerId, state);
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Cross-site incidents with their alerts (state=open|resolved)")
    public List<IncidentView> incidents(@QueryParam("state") String state) {
        return queries.incidents(null, state);
    }

    @GET
    @Path("/customers/{customerId}/incidents")
    @Operation(summary = "Incidents touching one customer, listing only its alerts")
    public List<IncidentView> customerIncidents(@PathParam("customerId") UUID customerId, @QueryParam("state") String state) {
        return queries.incidents(customerId, state);
    }

    @GET
    @Path("/customers/{customerId}/thresholds")
    @Operation(summary = "Thresholds in force for the customer's sites without their own override")
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ThresholdsView customerThresholds(@PathParam("customerId") UUID customerId) {
        return thresholds.forCustomer(customerId);
    }

    @PUT
    @Path("/customers/{customerId}/thresholds")
    @Operation(summary = "Replace the customer's overrides",
            description = "Body: {\"jitter_ms\": {\"warning\": 25, \"critical\": 40}, ...}; metrics left out use the defaults.")
    public ThresholdsView putCustomerThresholds(@PathParam("customerId") UUID customerId, Map<String, ThresholdPair> body) {
        return thresholds.replaceForCustomer(customerId, body);
    }

    @GET
    @Path("/sites/{siteId}/thresholds")
    @Operation(summary = "Thresholds in force for a site, each with its source (default, customer, site)")
    @APIResponse(responseCode = "404", description = "No such site",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ThresholdsView siteThresholds(@PathParam("siteId") UUID siteId) {
        return thresholds.forSite(siteId);
    }

    @PUT
    @Path("/sites/{siteId}/thresholds")
    @Operation(summary = "Replace the site's overrides; metrics left out inherit from the customer")
    public ThresholdsView putSiteThresholds(@PathParam("siteId") UUID siteId, Map<String, ThresholdPair> body) {
        return thresholds.replaceForSite(siteId, body);
    }

    @POST
    @Path("/customers/{customerId}/silences")
    @Operation(summary = "Silence a customer or one site (maintenance window)",
            description = "Body: {\"siteId\": optional, \"startsAt\": optional (now), \"endsAt\" or \"duration\": \"2h\", \"comment\"}. "
                    + "Alerts keep their state; messages wait until the silence ends.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SilenceView.class)))
    public Response silence(@PathParam("customerId") UUID customerId, SilenceRequest request) {
        return Response.status(Response.Status.CREATED).entity(silences.create(customerId, request)).build();
    }

    @GET
    @Path("/customers/{customerId}/silences")
    @Operation(summary = "Current, future and recently ended silences of a customer")
    public List<SilenceView> silences(@PathParam("customerId") UUID customerId) {
        return silences.list(customerId);
    }

    @DELETE
    @Path("/silences/{silenceId}")
    @Operation(summary = "End a silence now")
    @APIResponse(responseCode = "204", description = "Ended")
    public void expireSilence(@PathParam("silenceId") UUID silenceId) {
        silences.expire(silenceId);
    }
}
