package io.callready.collector.qos;

import io.callready.advice.SiteFacts;
import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.WanTrafficSpec;

import java.time.ZoneId;

/**
 * The advisor's {@link SiteFacts} of one site: zone and calls from the site facts (else the customer's), line rate
 * from the plan's {@code wan_traffic} probe and codec, ptime and RTP DSCP from its {@code rtp_burst} probe (the plan
 * is the one source of truth for both), the port speed from the newest traffic sample that reported one.
 */
final class AdvisorFacts {
    /** CS3: the SIP marking of profiles that name none (DOMAIN.md); a profile's own marking is the agent's to check. */
    static final int DEFAULT_SIP_DSCP = 24;

    private AdvisorFacts() {
    }

    /** @throws java.time.DateTimeException when the stored zone is not a zone (the job isolates that site) */
    static SiteFacts of(String zone, Integer peakCalls, String profile, ProbePlan plan, Double portSpeedBps) {
        LineRate line = plan.probes().stream().filter(WanTrafficSpec.class::isInstance).map(WanTrafficSpec.class::cast)
                .map(WanTrafficSpec::lineRate).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        RtpBurstSpec rtp = plan.probes().stream().filter(RtpBurstSpec.class::isInstance).map(RtpBurstSpec.class::cast)
                .findFirst().orElse(null);
        return new SiteFacts(ZoneId.of(zone),
                line == null ? null : line.upBps().doubleValue(), line == null ? null : line.downBps().doubleValue(),
                portSpeedBps,
                (rtp == null ? RtpBurstSpec.DEFAULT_CODEC : rtp.codec()).wireName(),
                rtp == null ? RtpBurstSpec.DEFAULT_PTIME_MS : rtp.ptimeMs(),
                peakCalls,
                rtp == null ? RtpBurstSpec.DSCP_EF : rtp.dscp(),
                DEFAULT_SIP_DSCP,
                profile);
    }
}
