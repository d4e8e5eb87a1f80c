package io.callready.agent.probe.sipalg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.sip.Exchange;
import io.callready.agent.probe.sip.SipRequests;
import io.callready.agent.probe.sip.StatusLine;
import io.callready.agent.probe.sip.StreamTransaction;
import io.callready.agent.probe.sip.TlsInspector;
import io.callready.agent.probe.sip.UdpTransaction;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.result.WireText;
import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipMessage;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIP ALG fingerprint: sends {@link AlgTestRequest} to the reflector's SIP responder over UDP and TCP on the standard
 * port and on every alternate port, and lists every header and SDP line that arrived
 * different from how it was sent. The reflector's echo travels base64-encoded, so an ALG cannot hide its work by
 * rewriting the answer too.
 */
public final class SipAlgProbe implements Probe<SipAlgSpec> {

    @Override
    public ProbeKind kind() {
        return ProbeKind.SIP_ALG;
    }

    @Override
    public String target(SipAlgSpec spec) {
        return spec.reflector();
    }

    @Override
    public ProbeResult run(SipAlgSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        InetAddress address;
        try {
            address = InetAddress.getByName(spec.reflector());
        } catch (UnknownHostException e) {
            return run.finish(ResultStatus.FAILED, "cannot resolve reflector host '" + spec.reflector() + "'");
        }
        List<AlgLeg> legs = legs(address, spec, context);
        AlgLeg standardUdp = legs.getFirst();
        AlgConclusion c = !standardUdp.answered() && !standardUdp.foreignAnswer()
                && RtpReflectorCheck.answersRtpProbe(new InetSocketAddress(address, spec.port()), java.time.Duration.ofSeconds(1))
                ? AlgConclusion.rtpPortGiven(spec.reflector(), spec.port()) : AlgConclusion.of(legs, spec.port());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.SIP_ALG_REWRITES, (double) legs.stream().mapToInt(l -> l.rewrites().size()).sum());
        ResultStatus status = switch (c.verdict()) {
            case NO_ALG -> ResultStatus.OK;
            case ALG_5060_ONLY, ALG_ALL_PORTS -> ResultStatus.DEGRADED;
            case INDETERMINATE -> legs.stream().noneMatch(AlgLeg::answered) ? ResultStatus.FAILED : ResultStatus.DEGRADED;
        };
        return run.finish(status, c.summary(), metrics, Map.of(MetricNames.LABEL_VERDICT, c.verdict().wireName()), details(legs, c));
    }

    /** UDP and TCP to the standard port and to every alternate one, in parallel: each leg waits for its own timeout. */
    private static List<AlgLeg> legs(InetAddress address, SipAlgSpec spec, ProbeContext context) {
        List<Integer> ports = new ArrayList<>();
        ports.add(spec.port());
        ports.addAll(spec.alternatePorts());
        List<Future<AlgLeg>> pending = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int port : ports) {
                for (SipTransport transport : List.of(SipTransport.UDP, SipTransport.TCP)) {
                    pending.add(pool.submit(() -> leg(transport, address, port, spec, context)));
                }
            }
        }
        return pending.stream().map(Future::resultNow).toList();
    }

    private static AlgLeg leg(SipTransport transport, InetAddress address, int port, SipAlgSpec spec, ProbeContext context) {
        InetSocketAddress to = new InetSocketAddress(address, port);
        String hostPort = SipRequests.hostPort(to);
        AtomicReference<SipMessage> sent = new AtomicReference<>();
        Exchange e = transport == SipTransport.UDP
                ? UdpTransaction.run(to, local -> remember(sent, AlgTestRequest.build(transport, local, hostPort)), spec.timeout(), UdpTransaction.T1)
                : StreamTransaction.run(to, transport, local -> remember(sent, AlgTestRequest.build(transport, local, hostPort)),
                spec.timeout(), TlsInspector.systemDefault(Clock.systemUTC()), null, null);
        String from = e.local() == null ? null : SipRequests.hostPort(e.local());
        AlgLeg leg;
        if (e.response() == null) {
            leg = new AlgLeg(transport, port, false, e.phase() + ": " + WireText.printable(e.error()), from, null, List.of());
        } else {
            leg = compare(transport, port, from, sent.get(), e.response());
        }
        context.progress().accept("SIP ALG test " + leg.label() + ": " + (leg.answered()
                ? leg.rewrites().size() + " rewrite(s)" : "no answer (" + leg.error() + ")"));
        return leg;
    }

    private static SipMessage remember(AtomicReference<SipMessage> sent, SipMessage m) {
        sent.set(m);
        return m;
    }

    static AlgLeg compare(SipTransport transport, int port, String from, SipMessage sent, SipMessage response) {
        String seen = WireText.printable(response.first("X-CallReady-Source").orElse(null));
        if (seen == null || response.body().length == 0) {
            return new AlgLeg(transport, port, false, AlgLeg.NOT_AN_ECHO + " (status "
                    + StatusLine.summary(response) + "); is a different SIP server on this port?", from, null, List.of());
        }
        try {
            SipMessage arrived = SipMessage.parse(java.util.Base64.getDecoder().decode(response.body()));
            return new AlgLeg(transport, port, true, null, from, seen, RequestDiff.diff(sent, arrived));
        } catch (MalformedSipException | IllegalArgumentException ex) {
            return new AlgLeg(transport, port, false, "unreadable echo: " + WireText.printable(ex.getMessage()), from, seen, List.of());
        }
    }

    private static ObjectNode details(List<AlgLeg> legs, AlgConclusion c) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("verdict", c.verdict().wireName()).put("why", c.why());
        c.remediation().forEach(root.putArray("remediation")::add);
        AlgConclusion.natAdvice(legs).forEach(root.putArray("nat_advice")::add);
        ArrayNode list = root.putArray("legs");
        for (AlgLeg leg : legs) {
            ObjectNode n = list.addObject().put("transport", leg.transport().wireName()).put("port", leg.port())
                    .put("answered", leg.answered()).put("error", leg.error()).put("sent_from", leg.sentFrom()).put("seen_from", leg.seenFrom());
            ArrayNode rw = n.putArray("rewrites");
            for (Rewrite r : leg.rewrites()) {
                rw.addObject().put("where", r.where()).put("sent", r.sent()).put("arrived", r.arrived()).put("port_only", r.portOnly());
            }
        }
        return root;
    }
}
