package io.callready.collector.token;

import io.callready.collector.auth.AdminOnly;
import io.callready.collector.problem.Problem;
import io.callready.collector.token.TokenViews.CreateToken;
import io.callready.collector.token.TokenViews.CreatedToken;
import io.callready.collector.token.TokenViews.TokenView;
import io.callready.collector.token.TokenViews.UpdateToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.util.List;
import java.util.UUID;

@Path("/api/v1/tokens")
@AdminOnly
@SecurityRequirement(name = "staff")
@Tag(name = "Tokens", description = "Staff API tokens (admin role); a customer-scoped admin sees and makes only its customer's tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Read-only token, or a token limited to one customer creating an unscoped token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TokenResource {
    @Inject
    TokenService tokens;

    @POST
    @Operation(summary = "Create a staff token", description = "The answer carries the token; it is shown only this once.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedToken.class)))
    @APIResponse(responseCode = "400", description = "Bad name, role or customerId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateToken request) {
        return Response.status(Response.Status.CREATED).entity(tokens.create(request)).build();
    }

    @GET
    @Operation(summary = "List staff tokens (without the tokens themselves)")
    public List<TokenView> list() {
        return tokens.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One staff token")
    @APIResponse(responseCode = "404", description = "No such token (or outside the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenView get(@PathParam("id") UUID id) {
        return tokens.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename a token or change its role")
    public TokenView update(@PathParam("id") UUID id, UpdateToken request) {
        return tokens.update(id, request);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke a token", description = "Refused from the next request on; the record stays for audit.")
    public TokenView revoke(@PathParam("id") UUID id) {
        return tokens.revoke(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a token", description = "Refused from the next request on.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        tokens.delete(id);
    }
}
