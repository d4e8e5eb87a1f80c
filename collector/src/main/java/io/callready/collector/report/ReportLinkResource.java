package io.callready.collector.report;

import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}/reports")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Readiness report")
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site or report (or outside the token's customer scope)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportLinkResource {
    @Inject
    ReportService reports;

    /** @param expiresIn how long the link works, e.g. 48h (default 168h, at most 2160h); @param window measured period shown (default 168h) */
    public record CreateBody(String expiresIn, String window) {
    }

    /** {@code url} carries the token: it is shown once and stored only as a hash. */
    public record CreatedView(UUID id, String url, Instant expiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a share link to the site's readiness report",
            description = "Anyone with the URL can open the report until it expires or is revoked; the token is 256 random bits.")
    @APIResponse(responseCode = "201", description = "The link", content = @Content(schema = @Schema(implementation = CreatedView.class)))
    @APIResponse(responseCode = "400", description = "expiresIn or window is not a duration in range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@PathParam("siteId") UUID siteId, CreateBody body, @Context UriInfo uri) {
        CreateBody b = body == null ? new CreateBody(null, null) : body;
        ReportService.Created c = reports.create(siteId, b.expiresIn(), b.window());
        URI page = uri.getBaseUriBuilder().path("r").path(c.token()).build();
        return Response.status(201).entity(new CreatedView(c.link().id(), page.toString(), c.link().expiresAt())).build();
    }

    @DELETE
    @Path("/{reportId}")
    @Operation(summary = "Revoke a share link: it answers 410 from now on")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    public Response revoke(@PathParam("siteId") UUID siteId, @PathParam("reportId") UUID reportId) {
        reports.revoke(siteId, reportId);
        return Response.noContent().build();
    }
}
