package io.callready.report.firewall;

import io.callready.report.profile.ProviderProfile;
import io.callready.report.profile.ProviderProfile.OtherPort;
import io.callready.report.profile.ProviderProfile.SipServer;
import io.callready.wire.plan.SipTransport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the change request from a provider profile: the profile is the single source of the provider's needs. */
public final class ChangeRequests {
    static final String FQDN_ADVICE = "Write the rules against the host names as FQDN objects, not addresses: "
            + "the provider's addresses change without notice.";

    private ChangeRequests() {
    }

    public static ChangeRequest from(ProviderProfile p) {
        List<FirewallRule> rules = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SipServer s : p.sip()) {
            String host = host(s.uri());
            Integer port = port(s.uri());
            for (SipTransport t : s.transports()) {
                String protocol = t == SipTransport.UDP ? "udp" : "tcp";
                int sipPort = port != null ? port : t == SipTransport.TLS ? 5061 : 5060;
                String purpose = "SIP signalling over " + t.wireName().toUpperCase(Locale.ROOT);
                if (seen.add(host + protocol + sipPort)) {
                    rules.add(new FirewallRule("outbound", protocol, host, Integer.toString(sipPort), purpose));
                }
            }
        }
        if (p.rtpPorts() != null) {
            rules.add(new FirewallRule("outbound + inbound replies", "udp", "any",
                    p.rtpPorts().from() + "-" + p.rtpPorts().to(),
                    "RTP media, symmetric (the provider's media servers are not a fixed list)"));
        }
        for (OtherPort o : p.otherPorts()) {
            rules.add(new FirewallRule("outbound", o.protocol().toLowerCase(Locale.ROOT), o.host(),
                    Integer.toString(o.port()), o.purpose()));
        }
        List<String> settings = new ArrayList<>();
        settings.add("Disable the SIP ALG / SIP helper for this traffic (it rewrites SIP headers and SDP).");
        if (p.minUdpTimeout() != null) {
            settings.add("UDP session timeout for SIP at least " + seconds(p.minUdpTimeout())
                    + (p.keepaliveInterval() == null ? "" : " (phones send keepalives every " + seconds(p.keepaliveInterval()) + ")")
                    + ".");
        }
        if (p.minRtpTimeout() != null) {
            settings.add("UDP session timeout for RTP at least " + seconds(p.minRtpTimeout()) + ".");
        }
        if (p.dscp() != null && p.dscp().rtp() != null) {
            settings.add("Keep DSCP " + p.dscp().rtp() + " on RTP" + (p.dscp().sip() == null ? "" : " and "
                    + p.dscp().sip() + " on SIP") + " (do not re-mark to 0) and prioritise it on the WAN egress.");
        }
        settings.add(p.hasCaveat("no_static_ips") ? p.caveatText("no_static_ips") : FQDN_ADVICE);
        return new ChangeRequest(p.title(), rules, settings, text(p.title(), rules, settings));
    }

    static String text(String provider, List<FirewallRule> rules, List<String> settings) {
        StringBuilder t = new StringBuilder("Firewall change request: voice service ").append(provider).append('\n');
        t.append("Please allow (stateful, replies permitted):\n");
        for (FirewallRule r : rules) {
            t.append("- ").append(r.direction()).append(' ').append(r.protocol().toUpperCase(Locale.ROOT)).append(" to ")
                    .append(r.destination()).append(" port ").append(r.ports()).append(": ").append(r.purpose()).append('\n');
        }
        t.append("Settings:\n");
        settings.forEach(s -> t.append("- ").append(s).append('\n'));
        return t.toString();
    }

    /** {@code sip:host:port;params} → host. */
    static String host(String uri) {
        String rest = strip(uri);
        int colon = rest.lastIndexOf(':');
        return colon > 0 && rest.indexOf(']') < colon ? rest.substring(0, colon) : rest;
    }

    static Integer port(String uri) {
        String rest = strip(uri);
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || rest.indexOf(']') > colon) {
            return null;
        }
        try {
            return Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String strip(String uri) {
        String rest = uri.replaceFirst("^sips?:", "");
        int at = rest.indexOf('@');
        rest = at >= 0 ? rest.substring(at + 1) : rest;
        int semi = rest.indexOf(';');
        return semi >= 0 ? rest.substring(0, semi) : rest;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
