package io.callready.collector.qos;

import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}/traffic")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TrafficResource {
    @Inject
    TrafficReader reader;
    @Inject
    TenantService tenants;
    @Inject
    Clock clock;

    @GET
    @Operation(summary = "The site's WAN traffic per target and direction (bits/s, utilisation %)",
            description = "Raw samples for windows up to 6 hours, 5-minute rollups up to 7 days, hourly rollups up to 92 days.")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrafficSeries.class)))
    @APIResponse(responseCode = "400", description = "Bad query parameter; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrafficSeries traffic(@PathParam("siteId") UUID siteId,
                                 @Parameter(description = "ISO-8601 instant, inclusive; default: to minus 24 hours") @QueryParam("from") String from,
                                 @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to") String to) {
        TrafficQuery query = TrafficQuery.parse(from, to, clock.instant());
        tenants.visibleSite(siteId);
        return reader.read(siteId, query);
    }
}
