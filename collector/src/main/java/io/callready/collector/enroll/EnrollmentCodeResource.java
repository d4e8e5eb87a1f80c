package io.callready.collector.enroll;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.enroll.EnrollmentViews.CodeRequest;
import io.callready.collector.enroll.EnrollmentViews.IssuedCode;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.util.UUID;

@Path("/api/v1/sites/{siteId}/enrollment-codes")
@Tag(name = "Enrollment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrollmentCodeResource {
    @Inject
    EnrollmentService enrollment;

    @POST
    @StaffOnly
    @AdminOnly
    @SecurityRequirement(name = "staff")
    @Operation(summary = "Issue a one-time enrollment code for a site",
            description = "The code is shown only in this answer. It enrolls one agent and expires after ttl (default callready.enrollment.code-ttl). The body may be empty.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedCode.class)))
    @APIResponse(responseCode = "400", description = "Bad ttl",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Read-only token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such site, or outside the token's customer scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(@PathParam("siteId") UUID siteId, CodeRequest request) {
        IssuedCode code = enrollment.issue(siteId, request == null ? null : request.ttl());
        return Response.status(Response.Status.CREATED).entity(code).build();
    }
}
