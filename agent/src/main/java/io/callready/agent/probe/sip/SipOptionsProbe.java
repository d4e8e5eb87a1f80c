package io.callready.agent.probe.sip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.wire.plan.SipOptionsSpec;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.result.WireText;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SIP OPTIONS to every target RFC 3263 finds, per transport. Each target gets its own report (how it was found,
 * connect and TLS time, first-transmission response time, status, what the server saw of our address) and TLS
 * targets a certificate verdict. Targets are tried concurrently so one dead target does not hold up the rest;
 * the report keeps RFC 3263 order.
 */
public final class SipOptionsProbe implements Probe<SipOptionsSpec> {
    /** Certificates closer than this to expiry make the result degraded. */
    public static final int EXPIRY_WARNING_DAYS = 14;
    /**
     * A certificate valid for (or expired since) more than a century, e.g. RFC 5280's 99991231235959Z "no expiry",
     * has no days-to-expiry a dashboard can use (ResultRules refuses them): told in details, not as the metric.
     */
    static final long MAX_REPORTED_EXPIRY_DAYS = 36_500;
    /** Longest remote text (reason phrase, header value) kept in details. */
    static final int MAX_DETAIL_TEXT = 2000;

    private final TlsInspector inspector;
    private final Duration t1;

    public SipOptionsProbe() {
        this(TlsInspector.systemDefault(Clock.systemUTC()), UdpTransaction.T1);
    }

    public SipOptionsProbe(TlsInspector inspector, Duration t1) {
        this.inspector = inspector;
        this.t1 = t1;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.SIP_OPTIONS;
    }

    @Override
    public String target(SipOptionsSpec spec) {
        return spec.uri();
    }

    @Override
    public ProbeResult run(SipOptionsSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        SipUri uri;
        try {
            uri = SipUri.parse(spec.uri());
        } catch (IllegalArgumentException e) {
            return run.finish(ResultStatus.ERROR, e.getMessage());
        }
        ServerLocator locator;
        try {
            locator = ServerLocator.create(spec.dns(), Duration.ofMillis(Math.min(3000, spec.timeout().toMillis())));
        } catch (java.io.IOException | RuntimeException e) {
            return run.finish(ResultStatus.ERROR, "cannot set up DNS resolver " + spec.dns() + ": " + e.getMessage());
        }
        List<SipTransport> transports = uri.transport() != null ? List.of(uri.transport()) : spec.transports();
        Report report = measure(uri, transports, locator, spec.timeout(), context);
        ObjectNode details = report.details(spec.uri());
        return run.finish(report.status(), report.reason(), report.metrics(), Map.of(), details);
    }

    /** Everything measured for one URI; also used by the profile checklist. */
    public Report measure(SipUri uri, List<SipTransport> transports, ServerLocator locator, Duration timeout, ProbeContext context) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<TransportReport> reports = new ArrayList<>();
            for (SipTransport transport : transports) {
                Resolution resolution = locator.locate(uri, transport);
                context.progress().accept(String.format(Locale.ROOT, "%s over %s: %s", uri.host(), transport.wireName(),
                        resolution.error() != null ? resolution.error() : resolution.targets().size() + " target(s)"));
                List<Future<Exchange>> futures = new ArrayList<>();
                for (Target target : resolution.targets()) {
                    futures.add(pool.submit(() -> exchange(uri, target, timeout)));
                }
                List<Exchange> exchanges = new ArrayList<>();
                for (Future<Exchange> f : futures) {
                    exchanges.add(join(f));
                }
                reports.add(new TransportReport(resolution, exchanges));
            }
            return new Report(reports);
        }
    }

    private static Exchange join(Future<Exchange> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed("timeout", "interrupted", -1, -1, null, null);
        } catch (java.util.concurrent.ExecutionException e) {
            return Exchange.failed("response", "probe failed: " + e.getCause(), -1, -1, null, null);
        }
    }

    private Exchange exchange(SipUri uri, Target target, Duration timeout) {
        InetSocketAddress to = new InetSocketAddress(target.address(), target.port());
        boolean sips = uri.secure() && target.transport() == SipTransport.TLS;
        String requestUri = (sips ? "sips:" : "sip:") + uri.hostForUri() + (uri.port() != null ? ":" + uri.port() : "");
        return switch (target.transport()) {
            case UDP -> UdpTransaction.run(to, local -> SipRequests.options(requestUri, SipTransport.UDP, local), timeout, t1);
            case TCP, TLS -> StreamTransaction.run(to, target.transport(),
                    local -> SipRequests.options(requestUri, target.transport(), local), timeout, inspector, uri.host(),
                    target.canonicalName());
        };
    }

    public record TransportReport(Resolution resolution, List<Exchange> exchanges) {
        public boolean anyReachable() {
            return exchanges.stream().anyMatch(e -> TargetOutcome.of(e).reachable());
        }

        public List<TlsFacts> tls() {
            return exchanges.stream().map(Exchange::tls).filter(java.util.Objects::nonNull).toList();
        }
    }

    public record Report(List<TransportReport> transports) {

        public ResultStatus status() {
            long reachable = transports.stream().filter(TransportReport::anyReachable).count();
            if (reachable == 0) return ResultStatus.FAILED;
            boolean tlsProblem = transports.stream().flatMap(t -> t.tls().stream()).anyMatch(Report::tlsProblem);
            boolean errorAnswers = transports.stream().flatMap(t -> t.exchanges().stream())
                    .anyMatch(e -> TargetOutcome.of(e) == TargetOutcome.REACHABLE_ERROR || statusLineDefect(e) != null);
            return reachable < transports.size() || tlsProblem || errorAnswers ? ResultStatus.DEGRADED : ResultStatus.OK;
        }

        /** A status line that is not clean text: a broken SIP stack or a middlebox mangling it, worth a look. */
        static String statusLineDefect(Exchange e) {
            return e.response() == null ? null : StatusLine.defect(e.response());
        }

        static boolean tlsProblem(TlsFacts t) {
            return !t.chainValid() || !t.hostnameMatches() || t.daysToExpiry() < EXPIRY_WARNING_DAYS;
        }

        public String reason() {
            List<String> parts = new ArrayList<>();
            for (TransportReport t : transports) {
                String name = t.resolution().transport().wireName();
                if (t.resolution().error() != null) {
                    parts.add(name + ": dns: " + WireText.printable(t.resolution().error()));
                    continue;
                }
                List<Target> targets = t.resolution().targets();
                long ok = t.exchanges().stream().filter(e -> TargetOutcome.of(e).reachable()).count();
                StringBuilder s = new StringBuilder(name).append(": ").append(ok).append('/').append(targets.size()).append(" reachable");
                for (int i = 0; i < targets.size(); i++) {
                    Exchange e = t.exchanges().get(i);
                    s.append(i == 0 ? " (" : ", ").append(targets.get(i).endpoint()).append(' ');
                    if (e.response() != null) {
                        s.append(StatusLine.summary(e.response()));
                        if (TargetOutcome.of(e) == TargetOutcome.REACHABLE_REFUSED) s.append(" = reachable");
                    } else {
                        s.append(e.phase()).append(": ").append(WireText.printable(e.error()));
                    }
                }
                if (!targets.isEmpty()) s.append(')');
                for (int i = 0; i < targets.size(); i++) {
                    String defect = statusLineDefect(t.exchanges().get(i));
                    if (defect != null) s.append("; ").append(targets.get(i).endpoint()).append(": ").append(defect);
                }
                for (TlsFacts tls : t.tls()) {
                    if (!tls.chainValid()) s.append("; certificate chain invalid: ").append(WireText.printable(tls.chainError()));
                    if (!tls.hostnameMatches()) s.append("; hostname mismatch: ").append(WireText.printable(tls.hostnameNote()));
                    if (tls.daysToExpiry() < EXPIRY_WARNING_DAYS) s.append("; certificate expires in ").append(tls.daysToExpiry()).append(" days");
                }
                parts.add(s.toString());
            }
            return String.join("; ", parts);
        }

        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            long dns = 0;
            int tried = 0;
            int reachable = 0;
            for (TransportReport t : transports) {
                dns = Math.max(dns, t.resolution().dnsMs());
                String name = t.resolution().transport().wireName();
                tried += t.exchanges().size();
                for (Exchange e : t.exchanges()) {
                    if (!TargetOutcome.of(e).reachable()) continue;
                    reachable++;
                    m.putIfAbsent("sip_response_" + name + "_ms", (double) e.responseMs());
                    if (e.connectMs() >= 0) m.putIfAbsent("sip_connect_" + name + "_ms", (double) e.connectMs());
                    if (e.tls() != null && Math.abs(e.tls().daysToExpiry()) <= MAX_REPORTED_EXPIRY_DAYS) {
                        m.putIfAbsent(MetricNames.TLS_DAYS_TO_EXPIRY, (double) e.tls().daysToExpiry());
                    }
                }
            }
            m.put(MetricNames.DNS_MS, (double) dns);
            m.put(MetricNames.SIP_TARGETS_TRIED, (double) tried);
            m.put(MetricNames.SIP_TARGETS_REACHABLE, (double) reachable);
            return m;
        }

        public ObjectNode details(String uri) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode root = f.objectNode().put("uri", uri);
            ArrayNode list = root.putArray("transports");
            for (TransportReport t : transports) {
                ObjectNode tn = list.addObject().put("transport", t.resolution().transport().wireName());
                ObjectNode res = tn.putObject("resolution").put("dns_ms", t.resolution().dnsMs());
                res.put("error", t.resolution().error());
                t.resolution().steps().forEach(res.putArray("steps")::add);
                ArrayNode targets = tn.putArray("targets");
                for (int i = 0; i < t.resolution().targets().size(); i++) {
                    targets.add(targetNode(i + 1, t.resolution().targets().get(i), t.exchanges().get(i)));
                }
            }
            return root;
        }

        private static ObjectNode targetNode(int order, Target target, Exchange e) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("order", order).put("host", target.host()).put("canonical_name", target.canonicalName())
                    .put("address", target.address().getHostAddress()).put("port", target.port()).put("found_by", target.via());
            TargetOutcome outcome = TargetOutcome.of(e);
            n.put("outcome", outcome.name().toLowerCase(Locale.ROOT)).put("reachable", outcome.reachable());
            n.put("failure_phase", e.phase()).put("error", e.error());
            if (e.connectMs() >= 0) n.put("connect_ms", e.connectMs());
            if (e.tlsMs() >= 0) n.put("tls_handshake_ms", e.tlsMs());
            if (e.responseMs() >= 0) n.put("response_ms", e.responseMs());
            n.put("retransmissions", e.retransmissions());
            if (e.local() != null) n.put("local", SipRequests.hostPort(e.local()));
            if (e.response() != null) {
                n.put("status", e.response().statusCode())
                        .put("reason", WireText.clip(e.response().reasonPhrase(), MAX_DETAIL_TEXT));
                if (StatusLine.defect(e.response()) != null) {
                    n.put("status_line", WireText.clip(e.response().startLine(), MAX_DETAIL_TEXT));
                }
                ViaParams via = ViaParams.of(e.response());
                n.put("received", WireText.clip(via.received(), MAX_DETAIL_TEXT));
                if (via.rport() != null) n.put("rport", via.rport());
                if (e.local() != null) {
                    boolean nat = (via.received() != null && !via.received().equals(e.local().getAddress().getHostAddress()))
                            || (via.rport() != null && via.rport() != e.local().getPort());
                    n.put("nat_seen", nat);
                }
            }
            if (e.tls() != null) {
                TlsFacts t = e.tls();
                ObjectNode tn = n.putObject("tls");
                tn.put("protocol", t.protocol()).put("cipher", t.cipher()).put("subject", t.subject()).put("issuer", t.issuer());
                t.names().forEach(tn.putArray("names")::add);
                tn.put("chain_valid", t.chainValid()).put("chain_error", t.chainError()).put("dialled_domain", t.dialledDomain())
                        .put("hostname_matches", t.hostnameMatches()).put("hostname_note", t.hostnameNote())
                        .put("days_to_expiry", t.daysToExpiry()).put("not_after", t.notAfter());
            }
            return n;
        }
    }
}
