package io.callready.collector.qos;

import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{customerId}/qos-advice")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice")
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such customer, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerQosResource {
    @Inject
    QosAdviceService advice;

    @GET
    @Operation(summary = "The customer's sites by QoS verdict, worst first, with counts per verdict and the sites not assessed yet")
    public QosAdviceService.CustomerVerdicts get(@PathParam("customerId") UUID customerId) {
        return advice.customer(customerId);
    }
}
