package io.callready.collector.qos;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.qos.FactsViews.CustomerFactsRequest;
import io.callready.collector.qos.FactsViews.CustomerFactsView;
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

@Path("/api/v1/customers/{customerId}/facts")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token writing",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such customer, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerFactsResource {
    @Inject
    SiteFactsService facts;

    @GET
    @Operation(summary = "The customer's time zone and declared maximum of simultaneous calls")
    public CustomerFactsView customer(@PathParam("customerId") UUID customerId) {
        return facts.customerFacts(customerId);
    }

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the customer's time zone (IANA, default UTC) and maximum simultaneous calls",
            description = "Sites without their own values use these.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerFactsRequest.class)))
    @APIResponse(responseCode = "400", description = "Unknown key or time zone, or a call count out of range; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CustomerFactsView putCustomer(@PathParam("customerId") UUID customerId, String body) {
        return facts.saveCustomerFacts(customerId, body);
    }
}
