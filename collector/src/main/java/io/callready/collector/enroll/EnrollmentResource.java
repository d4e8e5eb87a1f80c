package io.callready.collector.enroll;

import io.callready.collector.enroll.EnrollmentViews.EnrollRequest;
import io.callready.collector.problem.Problem;
import io.callready.collector.tenant.TenantViews.EnrolledAgent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/enroll")
@Tag(name = "Enrollment", description = "A site's one-time code, exchanged by `callready agent enroll` for an agent token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrollmentResource {
    @Inject
    EnrollmentService enrollment;

    @POST
    @Operation(summary = "Exchange an enrollment code for an agent and its token",
            description = "No bearer token: the code is the credential. The answer carries the agent's token; it is shown only this once.")
    @APIResponse(responseCode = "201", description = "Enrolled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolledAgent.class)))
    @APIResponse(responseCode = "400", description = "code or name missing or malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Unknown, expired or already used code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The site already has an active agent with this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enroll(EnrollRequest request) {
        return Response.status(Response.Status.CREATED).entity(enrollment.enroll(request)).build();
    }
}
