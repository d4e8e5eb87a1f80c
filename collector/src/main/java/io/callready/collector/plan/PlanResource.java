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

@Path("/api/v1/customers/{customerId}/plan")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Plans", description = "What agents probe: a plan per customer, an override per site, pulled by agents")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such customer (or outside the token's scope), or no plan set",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlanResource {
    @Inject
    PlanService plans;

    @GET
    @Operation(summary = "The customer's plan, with defaults filled in")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProbePlan.class)))
    public ProbePlan get(@PathParam("customerId") UUID customerId) {
        return plans.customerPlan(customerId);
    }

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the customer's plan",
            description = "The same probes list an agent config has under plan: (kind, name, interval and the kind's fields), as JSON. "
                    + "Agents of every site of the customer pick it up at their next plan poll.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProbePlan.class)))
    @APIResponse(responseCode = "200", description = "Saved; the answer is the plan with defaults filled in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProbePlan.class)))
    @APIResponse(responseCode = "400", description = "Invalid plan; errors[] names the field, e.g. probes[0].ptime_ms",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProbePlan put(@PathParam("customerId") UUID customerId, String body) {
        return plans.saveCustomerPlan(customerId, body);
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Remove the customer's plan", description = "Agents fall back to the plan in their config file, plus any site override.")
    @APIResponse(responseCode = "204", description = "Removed (or there was none)")
    public void delete(@PathParam("customerId") UUID customerId) {
        plans.deleteCustomerPlan(customerId);
    }
}
