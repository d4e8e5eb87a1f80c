package io.callready.collector.result;

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
import java.util.List;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}/results")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Results", description = "Stored probe results of a site (any staff token within its customer scope)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ResultResource {
    @Inject
    ResultReader reader;
    @Inject
    TenantService tenants;
    @Inject
    Clock clock;

    @GET
    @Operation(summary = "Results of a site in a time window, oldest first")
    @APIResponse(responseCode = "400", description = "Bad query parameter; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<StoredResult> window(
            @PathParam("siteId") UUID siteId,
            @Parameter(description = "ISO-8601 instant, inclusive; default: to minus 1 hour") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: now") @QueryParam("to") String to,
            @Parameter(description = "probe kind, e.g. rtp_burst; default: all") @QueryParam("kind") String kind,
            @Parameter(description = "most results returned, 1..10000; default 1000") @QueryParam("limit") String limit) {
        ResultQueryParams query = ResultQueryParams.parse(from, to, kind, limit, clock.instant());
        tenants.visibleSite(siteId);
        return reader.window(siteId, query);
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The newest result for each probe kind and target of a site")
    public List<StoredResult> latest(@PathParam("siteId") UUID siteId) {
        tenants.visibleSite(siteId);
        return reader.latest(siteId);
    }
}
