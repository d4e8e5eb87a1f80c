package io.callready.collector.qos;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.qos.FactsViews.SiteFactsRequest;
import io.callready.collector.qos.FactsViews.SiteFactsView;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/sites/{siteId}/facts")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice", description = "Site facts, WAN traffic, busy hour and the QoS verdict with its router configuration")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SiteFactsResource {
    @Inject
    SiteFactsService facts;

    @GET
    @Operation(summary = "The site's time zone, peak concurrent calls and provider profile, as set and as used")
    public SiteFactsView site(@PathParam("siteId") UUID siteId) {
        return facts.siteFacts(siteId);
    }

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the site's time zone, peak concurrent calls and provider profile",
            description = "A missing or null value inherits from the customer (time zone, calls) or means none (profile). "
                    + "Line rate, codec and ptime are not facts: they come from the site's plan (wan_traffic lineRate, rtp_burst).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteFactsRequest.class)))
    @APIResponse(responseCode = "400", description = "Unknown key, time zone or profile name, or a call count out of range; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SiteFactsView putSite(@PathParam("siteId") UUID siteId, String body) {
        return facts.saveSiteFacts(siteId, body);
    }
}
