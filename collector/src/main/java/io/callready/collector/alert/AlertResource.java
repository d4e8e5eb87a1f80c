package io.callready.collector.alert;

import io.callready.collector.auth.Caller;
import io.callready.collector.alert.AlertViews.AlertView;
import io.callready.collector.alert.AlertViews.IncidentView;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** MSP-wide lists of alerts and incidents. Paths under a customer live in their own classes, because JAX-RS picks one root resource per path prefix. */
@Path("/api/v1")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Alerts", description = "Alerts, cross-site incidents, thresholds and silences (staff token; writes need an admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "Bad field; errors[] names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertResource {
    @Inject
    Caller caller;
    @Inject
    AlertQueries queries;


    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts of every customer, newest first (state=firing|resolved)")
    public List<AlertView> alerts(@QueryParam("state") String state) {
        return queries.alerts(caller.customerScope().orElse(null), state);
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Cross-site incidents with their alerts (state=open|resolved)")
    public List<IncidentView> incidents(@QueryParam("state") String state) {
        return queries.incidents(caller.customerScope().orElse(null), state);
    }
}
