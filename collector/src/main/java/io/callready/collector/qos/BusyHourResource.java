package io.callready.collector.qos;

import io.callready.advice.busyhour.BusyHour;
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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}/busy-hour")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice")
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such site (or outside the token's customer scope), or not assessed yet",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BusyHourResource {
    @Inject
    QosAdviceService advice;

    /** Busy hours per direction and day type, in the site's own clock ({@code zone}). */
    public record BusyHourView(UUID siteId, Instant computedAt, String zone, Instant from, Instant to, List<BusyHour> busyHours) {
    }

    @GET
    @Operation(summary = "The site's time-consistent busy hour per direction, weekdays and weekends apart",
            description = "From the stored assessment: the 60-minute clock window (sliding in 15-minute steps) with the highest mean traffic over the analysed days.")
    public BusyHourView get(@PathParam("siteId") UUID siteId) {
        QosAdviceService.Advice a = advice.advice(siteId);
        var s = a.stored();
        return new BusyHourView(siteId, a.computedAt(), s.facts().zone().getId(), s.assessment().from(), s.assessment().to(),
                s.assessment().busyHours());
    }
}
