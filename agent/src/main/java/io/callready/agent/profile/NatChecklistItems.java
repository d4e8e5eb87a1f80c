package io.callready.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.lifetime.UdpLifetimeProbe;
import io.callready.agent.probe.nat.NatBehaviourProbe;
import io.callready.agent.probe.traffic.CounterReaders;
import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.plan.NatBehaviourSpec;
import io.callready.wire.plan.UdpLifetimeSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checklist's NAT items (skipped, saying why, when no reflector is given or its STUN server does not answer), measured against the reflector's STUN server (port 3478, {@code --stun}): NAT type,
 * source port preservation, a second NAT upstream, and the idle lifetime of UDP mappings (fast mode: every 5 s up
 * to 45 s, so the whole checklist stays under a minute; the full search to 1800 s is the {@code udp_lifetime} probe).
 */
final class NatChecklistItems {
    static final int STUN_PORT = 3478;
    private static final Duration FAST_STEP = Duration.ofSeconds(5);
    private static final String NO_REFLECTOR = "not measured: needs a CallReady reflector with its STUN server; run again with --reflector HOST";
    private static final String NEEDS_STUN = "run the reflector with --stun 3478 --stun-alt IP2:3479 and check again with --reflector HOST";

    private NatChecklistItems() {
    }

    /** NAT type, port preservation and double NAT: one RFC 5780 run. */
    static List<CheckItem> behaviourItems(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        if (options.reflectorHost() == null) {
            return List.of(new CheckItem("nat-type", "NAT type (RFC 5780)", Status.SKIPPED, NO_REFLECTOR, null));
        }
        ProbeResult r = new NatBehaviourProbe(new CounterReaders(Map.of())).run(new NatBehaviourSpec("check-nat", null, server(options), 0, null), context);
        if (r.status() == ResultStatus.FAILED || r.status() == ResultStatus.ERROR) {
            return List.of(new CheckItem("nat-type", "NAT type (RFC 5780)", Status.SKIPPED, "not measured: " + r.reason(), NEEDS_STUN));
        }
        Map<String, String> l = r.labels();
        String mapping = l.getOrDefault(MetricNames.LABEL_NAT_MAPPING, "unknown");
        List<CheckItem> items = new ArrayList<>();
        Status type = switch (mapping) {
            case "no_nat", "endpoint_independent" -> Status.PASS;
            case "address_dependent", "address_and_port_dependent" -> Status.FAIL;
            default -> Status.WARN;
        };
        items.add(new CheckItem("nat-type", "NAT type (RFC 5780)", "true".equals(l.get(MetricNames.LABEL_MAPPED_ADDRESS_REWRITTEN)) ? Status.FAIL : type,
                r.reason(), type == Status.FAIL ? "set the router to endpoint-independent mapping (\"full cone\"), or a static port rule for the phones"
                : type == Status.WARN ? NEEDS_STUN : null));
        String preserved = l.getOrDefault(MetricNames.LABEL_PORT_PRESERVED, "unknown");
        boolean demanded = profile.caveats().stream().anyMatch(c -> c.id().equals("port_preservation"));
        items.add(new CheckItem("port-preservation", "Source port preservation", switch (preserved) {
            case "false" -> demanded ? Status.FAIL : Status.WARN;
            case "true" -> Status.PASS;
            default -> mapping.equals("no_nat") ? Status.PASS : Status.WARN;
        }, "source port " + (preserved.equals("unknown") ? "not translated (no NAT)" : preserved.equals("true") ? "kept" : "changed") + " by the NAT",
                preserved.equals("false") ? "a static port mapping (no PAT) for the phone system's SIP and RTP ports" : null));
        JsonNode doubleNat = r.details() == null ? null : r.details().path("double_nat");
        String kind = doubleNat == null ? "none_seen" : doubleNat.path("verdict").asText("none_seen");
        items.add(new CheckItem("double-nat", "Double NAT / carrier-grade NAT", switch (kind) {
            case "cgnat", "cgnat_likely" -> Status.FAIL;
            case "double_nat" -> Status.FAIL;
            case "double_nat_possible" -> Status.WARN;
            default -> Status.PASS;
        }, "the STUN server sees the site as " + l.getOrDefault(MetricNames.LABEL_PUBLIC_ADDRESS, "?") + "; "
                + (doubleNat == null ? "path not traced" : doubleNat.path("evidence").asText())
                + (doubleNat != null && doubleNat.path("evidence").asText().contains("WAN address is") ? "" : "; the router's own WAN address is unknown (no NAT-PMP answer with one)"),
                doubleNat == null || doubleNat.path("fix").isMissingNode() ? null : doubleNat.path("fix").asText()));
        return items;
    }

    /** The idle lifetime of both kinds of mapping, fast mode, judged against the profile's keepalive and minimums. */
    static CheckItem timeoutItem(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        String title = "NAT/firewall session timeouts";
        if (options.reflectorHost() == null) {
            return new CheckItem("nat-timeouts", title, Status.SKIPPED, NO_REFLECTOR, null);
        }
        UdpLifetimeSpec spec = new UdpLifetimeSpec("check-udp-lifetime", Duration.ofHours(1), server(options), UdpLifetimeSpec.FAST_CAP,
                FAST_STEP, null, null, true, profile.keepaliveInterval(), profile.minUdpTimeout(), profile.minRtpTimeout());
        ProbeResult r = new UdpLifetimeProbe().run(spec, context);
        String fix = "raise the router's UDP session timeout"
                + (profile.minUdpTimeout() == null ? " to at least 120 s (RFC 4787)" : " to at least " + profile.minUdpTimeout().toSeconds() + " s")
                + "; avoid 'SIP-aware' inspection that recycles sessions";
        return switch (r.status()) {
            case DEGRADED -> new CheckItem("nat-timeouts", title, Status.FAIL, r.reason(), fix);
            case OK -> r.reason().contains("not verified")
                    ? new CheckItem("nat-timeouts", title, Status.WARN, r.reason(), "schedule the udp_lifetime probe (run mode) for the full search")
                    : new CheckItem("nat-timeouts", title, Status.PASS, r.reason(), null);
            default -> new CheckItem("nat-timeouts", title, Status.SKIPPED, "not measured: " + r.reason(), NEEDS_STUN);
        };
    }

    private static String server(CheckOptions options) {
        String host = options.reflectorHost();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + STUN_PORT;
    }
}
