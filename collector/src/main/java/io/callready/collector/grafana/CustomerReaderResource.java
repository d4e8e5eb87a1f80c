package io.callready.collector.grafana;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/v1/customers/{customerId}/grafana-reader")
@StaffOnly
@AdminOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Grafana access", description = "One read-only database role per customer for its Grafana organisation; PostgreSQL shows it only that customer's rows")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such customer, or outside the token's customer scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerReaderResource {
    @Inject
    CustomerReaders readers;

    @POST
    @Operation(summary = "Create the customer's database reader, or rotate its password",
            description = "Returns the role and a new password once; rotating ends the role's open sessions, so the old password stops working at once.")
    @APIResponse(responseCode = "200", description = "Created or rotated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReaderCredentials.class)))
    public ReaderCredentials createOrRotate(@PathParam("customerId") UUID customerId) throws SQLException {
        return readers.createOrRotate(customerId);
    }

    @DELETE
    @Operation(summary = "Drop the customer's database reader")
    @APIResponse(responseCode = "204", description = "Dropped")
    public Response drop(@PathParam("customerId") UUID customerId) throws SQLException {
        if (!readers.drop(customerId)) {
            throw ProblemException.notFound("Customer " + customerId + " has no Grafana reader");
        }
        return Response.noContent().build();
    }
}
