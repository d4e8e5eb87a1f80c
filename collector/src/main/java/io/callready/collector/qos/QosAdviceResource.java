package io.callready.collector.qos;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.callready.collector.auth.StaffOnly;
import io.callready.collector.problem.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/sites/{siteId}/qos-advice")
@StaffOnly
@SecurityRequirement(name = "staff")
@Tag(name = "QoS advice")
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked staff token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such site (or outside the token's customer scope), or not assessed yet",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class QosAdviceResource {
    @Inject
    QosAdviceService advice;

    /** The stored assessment with the facts it used. */
    public record AdviceView(UUID siteId, Instant computedAt, @JsonUnwrapped QosAssessment assessment, SiteFacts facts) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "The site's QoS verdict with confidence, evidence, busy hours, correlations, knees and sizing",
            description = "As the qos-advice job last stored it (it reassesses a site after new wan_traffic or rtp_burst results). "
                    + "With ?vendor= the router configuration for that vendor as text/plain, citing the evidence.")
    @APIResponse(responseCode = "200", description = "The assessment (JSON), or the vendor snippet (text/plain)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdviceView.class)))
    @APIResponse(responseCode = "400", description = "Unknown vendor or bad wan_if; errors[] names it and lists the valid vendors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("siteId") UUID siteId,
                        @Parameter(description = "cisco-ios, fortigate, mikrotik, pfsense, openwrt-sqm, unifi, linux-tc, linux-tc-cake")
                        @QueryParam("vendor") String vendor,
                        @Parameter(description = "linux-tc forms: the WAN device (default eth0)") @QueryParam("wan_if") String wanIf) {
        if (vendor == null) {
            if (wanIf != null) {
                throw io.callready.collector.problem.ProblemException.badRequest("wan_if", "applies to a vendor snippet; add ?vendor=linux-tc");
            }
            QosAdviceService.Advice a = advice.advice(siteId);
            return Response.ok(new AdviceView(siteId, a.computedAt(), a.stored().assessment(), a.stored().facts()),
                    MediaType.APPLICATION_JSON).build();
        }
        var chosen = QosAdviceService.vendor(vendor);
        var params = QosAdviceService.params(wanIf);
        return Response.ok(advice.render(siteId, chosen, params), MediaType.TEXT_PLAIN + ";charset=utf-8").build();
    }
}
