package io.callready.collector.plan;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.wire.plan.ProbePlan;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/api/v1/sites/{siteId}/plan")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Plans")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site (or outside the token's scope), or no override set",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SitePlanResource {
    @Inject
    PlanService plans;

    @GET
    @Operation(summary = "The site's override of its customer's plan")
    @APIResponse(responseCode = "200", description = "The override",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteOverride.class)))
    public SiteOverride get(@PathParam("siteId") UUID siteId) {
        return plans.siteOverride(siteId);
    }

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the site's override",
            description = "probes: each replaces the customer's probe of the same name, or is added if the customer has none by that name. "
                    + "remove: names of customer probes this site skips.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteOverride.class)))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteOverride.class)))
    @APIResponse(responseCode = "400", description = "Invalid override; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SiteOverride put(@PathParam("siteId") UUID siteId, String body) {
        return plans.saveSiteOverride(siteId, body);
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Remove the site's override", description = "The site's agents get the customer's plan unchanged.")
    @APIResponse(responseCode = "204", description = "Removed (or there was none)")
    public void delete(@PathParam("siteId") UUID siteId) {
        plans.deleteSiteOverride(siteId);
    }

    @GET
    @Path("/effective")
    @Operation(summary = "The plan the site's agents get: the customer's plan with the site's override applied")
    @APIResponse(responseCode = "200", description = "The effective plan (no probes: none set centrally)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProbePlan.class)))
    public ProbePlan effective(@PathParam("siteId") UUID siteId) {
        return plans.effectiveForStaff(siteId);
    }
}
