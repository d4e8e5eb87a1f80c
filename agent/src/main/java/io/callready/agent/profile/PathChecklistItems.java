package io.callready.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.dscp.DscpClass;
import io.callready.agent.probe.dscp.DscpMatrixProbe;
import io.callready.agent.probe.rtpports.RtpPortsProbe;
import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.plan.RtpPortsSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checklist items about the media path to a CallReady reflector: the profile's DSCP classes in both directions
 * ({@link DscpMatrixProbe}) and its RTP port range ({@link RtpPortsProbe}). Without a reflector they say so and are
 * skipped, like the SIP ALG item.
 */
final class PathChecklistItems {
    static final int RTP_PORT_SAMPLES = 12;
    static final String DSCP_FIX = "trust DSCP on the phones' switch ports and the router's LAN port and do not re-mark on the WAN "
            + "(Cisco switches: 'mls qos trust dscp'; MikroTik: no mangle rule with new-dscp/change-dscp; pfSense/OPNsense: no DSCP "
            + "rewrite in the shaper; UniFi: Smart Queues off or DSCP kept), then give EF a priority queue on the WAN; "
            + "marks changed beyond the router are the ISP's: ask whether they honour EF";

    private PathChecklistItems() {
    }

    static List<CheckItem> items(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        List<CheckItem> items = new ArrayList<>();
        if (profile.dscp() != null) {
            items.add(dscpItem(profile, options, context));
        }
        if (profile.rtpPorts() != null) {
            items.add(rtpPortsItem(profile.rtpPorts(), options, context));
        }
        return items;
    }

    /** The classes a profile names, EF first, and CS0 as the control. */
    static List<Integer> classesOf(ProviderProfile.Dscp dscp) {
        Set<Integer> classes = new LinkedHashSet<>();
        for (Integer d : new Integer[]{dscp.rtp(), dscp.sip(), dscp.video(), 0}) {
            if (d != null) classes.add(d);
        }
        return List.copyOf(classes);
    }

    static CheckItem dscpItem(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        String title = "QoS marks (DSCP) both ways";
        if (options.reflectorHost() == null) {
            return new CheckItem("dscp", title, Status.SKIPPED, "needs a CallReady reflector: run again with --reflector HOST", DSCP_FIX);
        }
        ProbeResult r = new DscpMatrixProbe().run(new DscpMatrixSpec("check-dscp", null, options.reflectorHost() + ":" + options.reflectorRtpPort(),
                DscpMatrixSpec.Method.CALLREADY, classesOf(profile.dscp()), options.routerStamp(), null), context);
        if (r.status() == ResultStatus.OK) {
            return new CheckItem("dscp", title, Status.PASS, r.reason(), null);
        }
        if (r.status() != ResultStatus.DEGRADED) {
            return new CheckItem("dscp", title, Status.WARN, "not measured: " + r.reason(), DSCP_FIX);
        }
        return new CheckItem("dscp", title, dscpStatus(profile.dscp(), r.details()), r.reason(), DSCP_FIX);
    }

    /**
     * FAIL when a voice class (RTP or SIP) is re-marked to another non-zero class (it lands in the wrong queue) or is
     * changed on the LAN side, where the customer can fix it; WARN when marks are only bleached beyond the router
     * (many ISPs do; it matters only where the access line is congested).
     */
    static Status dscpStatus(ProviderProfile.Dscp dscp, JsonNode details) {
        Status status = Status.PASS;
        for (JsonNode c : details.path("classes")) {
            int d = c.path("dscp").asInt();
            boolean voice = (dscp.rtp() != null && d == dscp.rtp()) || (dscp.sip() != null && d == dscp.sip());
            for (String dir : new String[]{"up", "down"}) {
                String verdict = c.path(dir).asText();
                boolean lan = c.path("where_" + dir).asText().equals("lan");
                if (verdict.equals("remarked") && (voice || d == 0) || (lan && !verdict.equals("preserved"))) {
                    return Status.FAIL;
                }
                if (verdict.equals("remarked") || verdict.equals("bleached")) {
                    status = Status.WARN;
                }
            }
        }
        return status;
    }

    static CheckItem rtpPortsItem(ProviderProfile.PortRange range, CheckOptions options, ProbeContext context) {
        String title = "RTP port range " + range.from() + "-" + range.to();
        String open = "allow outbound UDP " + range.from() + "-" + range.to() + " to the provider's media servers and its replies "
                + "(symmetric RTP); a firewall rule, an 'RTP port restriction' or a SIP-aware inspection that opens only negotiated "
                + "ports blocks the rest";
        if (options.reflectorHost() == null) {
            return new CheckItem("rtp-ports", title, Status.SKIPPED, "needs a CallReady reflector: run again with --reflector HOST", open);
        }
        ProbeResult r = new RtpPortsProbe().run(new RtpPortsSpec("check-rtp-ports", null, options.reflectorHost() + ":" + options.reflectorRtpPort(),
                Math.max(1024, range.from()), range.to(), RTP_PORT_SAMPLES, true, Duration.ofMillis(500)), context);
        String media = r.labels().getOrDefault("media_source_ports", "unknown");
        return switch (r.status()) {
            case OK -> media.equals("varies_per_destination")
                    ? new CheckItem("rtp-ports", title, Status.WARN, r.reason(), "the NAT gives media a new source port per destination; "
                    + "the provider must use symmetric RTP (latching), or set the router to endpoint-independent mapping")
                    : new CheckItem("rtp-ports", title, Status.PASS, r.reason(), null);
            case DEGRADED -> new CheckItem("rtp-ports", title, Status.FAIL, r.reason(), open);
            default -> new CheckItem("rtp-ports", title, Status.WARN, "not measured: " + r.reason(), open);
        };
    }
}
