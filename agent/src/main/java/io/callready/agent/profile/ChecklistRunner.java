package io.callready.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.fragment.SipFragmentationProbe;
import io.callready.agent.probe.sip.Exchange;
import io.callready.agent.probe.sip.Resolution;
import io.callready.agent.probe.sip.ServerLocator;
import io.callready.agent.probe.sip.SipOptionsProbe;
import io.callready.agent.probe.sip.SipUri;
import io.callready.agent.probe.sip.StatusLine;
import io.callready.agent.probe.sip.Target;
import io.callready.agent.probe.sip.TargetOutcome;
import io.callready.agent.probe.sip.TlsFacts;
import io.callready.agent.probe.sip.ViaParams;
import io.callready.agent.probe.sipalg.SipAlgProbe;
import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile.SipServer;
import io.callready.report.profile.ProviderProfile;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.plan.SipFragmentationSpec;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.result.WireText;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every check a profile calls for, concurrently, and turns the measurements into checklist items with
 * evidence and a fix; the media path items (DSCP, RTP ports) come from {@link PathChecklistItems}, the NAT items
 * (type, port preservation, double NAT, session timeouts) from {@link NatChecklistItems}.
 */
public final class ChecklistRunner {
    private static final Duration TCP_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final SipOptionsProbe sipProbe;

    public ChecklistRunner(SipOptionsProbe sipProbe) {
        this.sipProbe = sipProbe;
    }

    public Checklist run(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        Instant started = context.clock().instant();
        long start = System.nanoTime();
        List<SipServer> servers = options.sipHost() != null
                ? List.of(new SipServer(options.sipHost(), profile.sipHostTransports())) : profile.sip();
        List<Future<List<CheckItem>>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SipServer server : servers) {
                parts.add(pool.submit(() -> sipItems(profile, server, options, context)));
            }
            parts.add(pool.submit(() -> List.of(algItem(profile, options, context))));
            parts.add(pool.submit(() -> List.of(fragmentationItem(options, context))));
            parts.add(pool.submit(() -> PathChecklistItems.items(profile, options, context)));
            parts.add(pool.submit(() -> NatChecklistItems.behaviourItems(profile, options, context)));
            parts.add(pool.submit(() -> List.of(NatChecklistItems.timeoutItem(profile, options, context))));
            for (ProviderProfile.OtherPort port : profile.otherPorts()) {
                parts.add(pool.submit(() -> List.of(otherPortItem(port, options, context))));
            }
            List<CheckItem> items = new ArrayList<>();
            if (servers.isEmpty()) {
                items.add(new CheckItem("sip", "SIP server", Status.SKIPPED, "profile " + profile.name()
                        + " names no SIP server (it is the customer's PBX or trunk)", "run again with --sip-host sip:HOST[:PORT]"));
            }
            for (Future<List<CheckItem>> part : parts) {
                items.addAll(join(part));
            }
            return new Checklist(profile, options.reflectorHost() == null ? null : options.reflectorHost() + ":" + options.reflectorPort(),
                    started, (System.nanoTime() - start) / 1_000_000, items);
        }
    }

    private static List<CheckItem> join(Future<List<CheckItem>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new CheckItem("interrupted", "check", Status.SKIPPED, "interrupted", null));
        } catch (ExecutionException e) {
            return List.of(new CheckItem("error", "check", Status.WARN, "a check crashed: " + e.getCause(), null));
        }
    }

    private List<CheckItem> sipItems(ProviderProfile profile, SipServer server, CheckOptions options, ProbeContext context) throws Exception {
        SipUri uri = SipUri.parse(server.uri());
        ServerLocator locator = ServerLocator.create(options.dns(), Duration.ofSeconds(3));
        SipOptionsProbe.Report report = sipProbe.measure(uri, uri.transport() != null ? List.of(uri.transport()) : server.transports(),
                locator, options.sipTimeout(), context);
        List<CheckItem> items = new ArrayList<>();
        items.add(dnsItem(uri, report));
        for (SipOptionsProbe.TransportReport t : report.transports()) {
            items.add(transportItem(uri, t));
        }
        for (SipOptionsProbe.TransportReport t : report.transports()) {
            for (TlsFacts tls : t.tls()) {
                items.add(tlsItem(profile, uri, tls));
                break;
            }
        }
        return items;
    }

    private static CheckItem dnsItem(SipUri uri, SipOptionsProbe.Report report) {
        String title = "DNS " + uri.host();
        if (uri.numericHost()) {
            return new CheckItem("dns:" + uri.host(), title, Status.SKIPPED, "numeric address, no DNS needed", null);
        }
        List<String> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long ms = 0;
        for (SipOptionsProbe.TransportReport t : report.transports()) {
            Resolution r = t.resolution();
            ms = Math.max(ms, r.dnsMs());
            if (r.error() != null) {
                errors.add(r.transport().wireName() + ": " + r.error());
            } else {
                Target first = r.targets().getFirst();
                found.add(r.transport().wireName() + " → " + first.endpoint() + " (" + first.via() + ")");
            }
        }
        if (found.isEmpty()) {
            return new CheckItem("dns:" + uri.host(), title, Status.FAIL, String.join("; ", errors),
                    "the site's DNS resolver must answer for " + uri.host() + " (NAPTR/SRV/A); check the DNS servers handed out by DHCP and any DNS filtering");
        }
        return new CheckItem("dns:" + uri.host(), title, errors.isEmpty() ? Status.PASS : Status.WARN,
                String.join("; ", found) + (errors.isEmpty() ? "" : "; " + String.join("; ", errors)) + " in " + ms + " ms", null);
    }

    private static CheckItem transportItem(SipUri uri, SipOptionsProbe.TransportReport t) {
        SipTransport transport = t.resolution().transport();
        String id = "sip:" + uri.host() + ":" + transport.wireName();
        String title = "SIP OPTIONS " + uri.host() + " " + transport.wireName();
        if (t.resolution().error() != null) {
            // A finding, not a gap: phones set to this transport cannot reach the server either (the dns: item says why).
            return new CheckItem(id, title, Status.WARN, "not tried: DNS found no target (" + t.resolution().error() + ")",
                    "make " + uri.host() + " resolvable over " + transport.wireName() + " from the site's resolver (SRV or A record),"
                            + " or do not configure phones for " + transport.wireName());
        }
        Exchange best = null;
        Target bestTarget = null;
        for (int i = 0; i < t.exchanges().size(); i++) {
            Exchange e = t.exchanges().get(i);
            if (TargetOutcome.of(e).reachable() && (best == null || !TargetOutcome.of(best).reachable())) {
                best = e;
                bestTarget = t.resolution().targets().get(i);
            }
        }
        if (best == null) {
            Exchange e = t.exchanges().getFirst();
            Target target = t.resolution().targets().getFirst();
            return new CheckItem(id, title, Status.FAIL, target.endpoint() + " " + e.phase() + ": " + WireText.printable(e.error())
                    + (t.exchanges().size() > 1 ? " (and " + (t.exchanges().size() - 1) + " more target(s) failed)" : ""),
                    fixFor(e.phase(), transport, target));
        }
        StringBuilder evidence = new StringBuilder(bestTarget.endpoint()).append(" answered ")
                .append(StatusLine.summary(best.response())).append(" in ").append(best.responseMs()).append(" ms");
        if (best.connectMs() >= 0) evidence.append(" (connect ").append(best.connectMs()).append(" ms)");
        if (best.retransmissions() > 0) evidence.append(" after ").append(best.retransmissions()).append(" retransmission(s)");
        ViaParams via = ViaParams.of(best.response());
        if (best.local() != null && via.received() != null && !via.received().equals(best.local().getAddress().getHostAddress())) {
            evidence.append("; server saw us as ").append(WireText.printable(via.received())).append(via.rport() != null ? ":" + via.rport() : "").append(" (NAT)");
        }
        TargetOutcome outcome = TargetOutcome.of(best);
        if (outcome == TargetOutcome.REACHABLE_REFUSED) {
            evidence.append(" = reachable (the server needs credentials or refuses anonymous OPTIONS)");
        }
        return outcome == TargetOutcome.REACHABLE_ERROR
                ? new CheckItem(id, title, Status.WARN, evidence.toString(), "the server reports a problem; ask the provider")
                : new CheckItem(id, title, Status.PASS, evidence.toString(), null);
    }

    private static String fixFor(String phase, SipTransport transport, Target target) {
        String proto = transport == SipTransport.UDP ? "UDP" : "TCP";
        return switch (phase == null ? "" : phase) {
            case "connect" -> "allow outbound " + proto + " " + target.port() + " to " + target.host() + " on the site firewall";
            case "tls" -> "the TLS handshake failed: a firewall doing TLS inspection, or the server does not offer TLS on " + target.port();
            case "timeout" -> transport == SipTransport.UDP
                    ? "allow outbound UDP " + target.port() + " to " + target.host() + " and its replies; a SIP ALG or a SIP-aware firewall may be eating SIP"
                    : "requests get no answer over " + transport.wireName() + ": check firewall rules and SIP inspection for " + target.port();
            default -> "the server answered with something unusable; ask the provider";
        };
    }

    private static CheckItem tlsItem(ProviderProfile profile, SipUri uri, TlsFacts tls) {
        String id = "tls:" + uri.host();
        String title = "TLS certificate " + uri.host();
        String basics = tls.protocol() + " " + tls.cipher() + ", expires in " + tls.daysToExpiry() + " days";
        if (!tls.hostnameMatches()) {
            boolean known = profile.hasCaveat("tls_certificate_for_ingress");
            return new CheckItem(id, title, known ? Status.WARN : Status.FAIL, "hostname mismatch: " + tls.hostnameNote() + "; " + basics,
                    known ? profile.caveatText("tls_certificate_for_ingress")
                            : "ask the provider for a certificate naming " + tls.dialledDomain() + ", or dial a name the certificate carries");
        }
        if (!tls.chainValid()) {
            return new CheckItem(id, title, Status.FAIL, "certificate chain does not validate: " + tls.chainError() + "; " + basics,
                    "phones and PBXs will refuse this server; the provider must serve a chain to a public CA (or install their CA)");
        }
        if (tls.daysToExpiry() < SipOptionsProbe.EXPIRY_WARNING_DAYS) {
            return new CheckItem(id, title, tls.daysToExpiry() < 0 ? Status.FAIL : Status.WARN, "certificate expires soon: " + basics,
                    "tell the provider their certificate expires " + tls.notAfter());
        }
        return new CheckItem(id, title, Status.PASS, "valid chain, names " + tls.names() + " match " + tls.dialledDomain() + "; " + basics, null);
    }

    private static CheckItem algItem(ProviderProfile profile, CheckOptions options, ProbeContext context) {
        String title = "SIP ALG on the router";
        if (options.reflectorHost() == null) {
            return new CheckItem("sip-alg", title, Status.SKIPPED, "needs a CallReady reflector: run again with --reflector HOST", null);
        }
        ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("check-alg", null, options.reflectorHost(), options.reflectorPort(),
                profile.alternateSipPort(), null, Duration.ofSeconds(3)), context);
        String verdict = r.labels().getOrDefault("verdict", "indeterminate");
        List<String> remediation = new ArrayList<>();
        detailsOf(r).path("remediation").forEach(n -> remediation.add(n.asText()));
        return switch (verdict) {
            case "no_alg" -> new CheckItem("sip-alg", title, Status.PASS, r.reason(), null);
            case "alg_5060_only", "alg_all_ports" -> new CheckItem("sip-alg", title, Status.FAIL, r.reason(),
                    "turn SIP ALG off: " + String.join("; ", remediation));
            default -> new CheckItem("sip-alg", title, Status.WARN, r.reason(), remediation.isEmpty() ? null : String.join("; ", remediation));
        };
    }

    private static CheckItem fragmentationItem(CheckOptions options, ProbeContext context) {
        String title = "Large UDP SIP / fragmentation";
        if (options.reflectorHost() == null) {
            return new CheckItem("fragmentation", title, Status.SKIPPED, "needs a CallReady reflector: run again with --reflector HOST", null);
        }
        ProbeResult r = new SipFragmentationProbe().run(new SipFragmentationSpec("check-fragmentation", null, options.reflectorHost(),
                options.reflectorPort(), null, Duration.ofSeconds(1)), context);
        List<String> advice = new ArrayList<>();
        detailsOf(r).path("advice").forEach(n -> advice.add(n.asText()));
        Status status = r.status() == ResultStatus.OK ? (advice.isEmpty() ? Status.PASS : Status.WARN)
                : r.status() == ResultStatus.DEGRADED ? Status.FAIL : Status.WARN;
        return new CheckItem("fragmentation", title, status, r.reason(), advice.isEmpty() ? null : String.join("; ", advice));
    }

    /** A probe that could not measure may return no details; the item then has no advice from them. */
    private static JsonNode detailsOf(ProbeResult r) {
        return r.details() == null ? MissingNode.getInstance() : r.details();
    }

    private static CheckItem otherPortItem(ProviderProfile.OtherPort port, CheckOptions options, ProbeContext context) {
        String id = "port:" + (port.host() == null ? "" : port.host() + ":") + port.port() + "/" + port.protocol();
        String title = port.purpose() + " " + port.protocol().toUpperCase(Locale.ROOT) + " " + port.port();
        if (port.protocol().equalsIgnoreCase("udp")) {
            return UdpDestinationCheck.item(port, options);
        }
        if (port.host() == null || !port.protocol().equalsIgnoreCase("tcp")) {
            return new CheckItem(id, title, Status.SKIPPED, "only TCP destinations with a host name are probed here",
                    "allow outbound " + port.protocol().toUpperCase(Locale.ROOT) + " " + port.port() + (port.host() == null ? "" : " to " + port.host()));
        }
        java.net.InetAddress address;
        try {
            List<java.net.InetAddress> found = ServerLocator.create(options.dns(), Duration.ofSeconds(3)).addressesOf(port.host());
            if (found.isEmpty()) {
                return new CheckItem(id, title, Status.FAIL, port.host() + " does not resolve from the site",
                        "the site's DNS resolver must answer for " + port.host());
            }
            address = found.getFirst();
        } catch (Exception e) {
            return new CheckItem(id, title, Status.FAIL, "cannot resolve " + port.host() + ": " + e.getMessage(),
                    "the site's DNS resolver must answer for " + port.host());
        }
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port.port()), (int) TCP_CONNECT_TIMEOUT.toMillis());
            context.progress().accept("tcp " + port.host() + ":" + port.port() + " connected");
            return new CheckItem(id, title, Status.PASS, "connected to " + port.host() + ":" + port.port() + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms", null);
        } catch (Exception e) {
            return new CheckItem(id, title, Status.FAIL, "cannot connect to " + port.host() + ":" + port.port() + ": " + e.getMessage(),
                    "allow outbound TCP " + port.port() + " to " + port.host() + " (and make sure it resolves from the site)");
        }
    }
}
