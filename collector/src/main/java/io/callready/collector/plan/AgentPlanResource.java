package io.callready.collector.plan;

import io.callready.collector.auth.AgentOnly;
import io.callready.collector.auth.CurrentAgent;
import io.callready.collector.problem.Problem;
import io.callready.wire.plan.ProbePlan;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agent/plan")
@AgentOnly
@SecurityRequirement(name = "agent")
@Tag(name = "Plans")
public class AgentPlanResource {
    @Inject
    PlanService plans;
    @Inject
    PlanDocuments documents;
    @Inject
    CurrentAgent agent;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The calling agent's effective plan",
            description = "Send the ETag of the plan you run as If-None-Match: an unchanged plan is answered 304 without a body. "
                    + "A plan without probes means none is set centrally; the agent then runs the plan in its config file.")
    @APIResponse(responseCode = "200", description = "The plan, with an ETag header",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProbePlan.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked agent token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response plan(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String document = documents.write(plans.effectiveFor(agent.get()));
        String etag = ETags.of(document);
        if (ETags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
