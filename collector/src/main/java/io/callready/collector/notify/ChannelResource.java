package io.callready.collector.notify;

import io.callready.collector.auth.Caller;
import io.callready.collector.auth.AdminOnly;
import io.callready.collector.notify.ChannelViews.ChannelRequest;
import io.callready.collector.notify.ChannelViews.ChannelView;
import io.callready.collector.notify.ChannelViews.DeliveryView;
import io.callready.collector.notify.ChannelViews.TestSent;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** Channels are MSP-wide configuration: only an admin token for every customer may read or change them. */
@Path("/api/v1/channels")
@AdminOnly
@SecurityRequirement(name = "admin")
@Tag(name = "Notifications", description = "Webhook, Slack, Teams and PagerDuty channels, routing and delivery log (admin token)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ChannelResource {
    @Inject
    Caller caller;
    @Inject
    ChannelService channels;

    @POST
    @Operation(summary = "Create a channel",
            description = "The URL is checked by the SSRF guard now and again before every delivery. A webhook channel's "
                    + "signing secret is returned once, in this answer.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", description = "Bad field, or a URL the SSRF guard refuses (errors[0].message says why)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A channel with this name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(ChannelRequest request) {
        caller.requireUnscopedAdmin();
        return Response.status(Response.Status.CREATED).entity(channels.create(request)).build();
    }

    @GET
    @Operation(summary = "List channels with their routes")
    public List<ChannelView> list() {
        caller.requireUnscopedAdmin();
        return channels.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a channel and its undelivered messages")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such channel",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        caller.requireUnscopedAdmin();
        channels.delete(id);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a channel again (after a receiver answered 410 Gone)")
    public ChannelView enable(@PathParam("id") UUID id) {
        caller.requireUnscopedAdmin();
        return channels.enable(id);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Queue a test notification to this channel", description = "Delivered like any message; see /deliveries.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestSent.class)))
    @APIResponse(responseCode = "404", description = "No such channel",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The channel is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response test(@PathParam("id") UUID id) {
        caller.requireUnscopedAdmin();
        return Response.accepted(new TestSent(channels.sendTest(id))).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Recent messages to this channel, newest first, with attempts and the last response")
    public List<DeliveryView> deliveries(@PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("50") int limit) {
        caller.requireUnscopedAdmin();
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be 1 to 1000");
        }
        return channels.deliveries(id, limit);
    }
}
