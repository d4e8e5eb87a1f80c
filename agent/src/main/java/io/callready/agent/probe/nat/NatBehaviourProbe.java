package io.callready.agent.probe.nat;

import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.nat.NatObservations.Answer;
import io.callready.agent.probe.traffic.CounterReaders;
import io.callready.agent.probe.traffic.WanAddresses;
import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.NatBehaviourSpec;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.ice4j.socket.IceUdpSocketWrapper;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 5780 behaviour discovery (§4.3 mapping, §4.4 filtering, §4.5 hairpinning) plus port preservation and the
 * MAPPED-ADDRESS rewrite check, concluded by {@link NatClassifier}; a second NAT upstream from the public address and
 * the first hops, the router's own WAN address over SNMP (the plan's {@code wan_traffic} router) or NAT-PMP
 * ({@link PathHops}, {@link WanAddresses}, {@link RouterWanAddress}, {@link DoubleNatVerdict}); all judged by {@link NatFindings}.
 */
public final class NatBehaviourProbe implements Probe<NatBehaviourSpec> {
    /** A site router, an ISP's CGNAT and its access routers: second NATs sit within the first few hops. */
    static final int MAX_HOPS = 8;
    private static final long HOP_WAIT_NANOS = 1_000_000_000L;

    private final CounterReaders readers;

    /** @param readers reads the router's WAN addresses with the agent's SNMP credentials */
    public NatBehaviourProbe(CounterReaders readers) {
        this.readers = readers;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.NAT_BEHAVIOUR;
    }

    @Override
    public String target(NatBehaviourSpec spec) {
        return spec.server();
    }

    @Override
    public ProbeResult run(NatBehaviourSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        HostPort hp = HostPort.parse(spec.server());
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        } catch (UnknownHostException e) {
            return run.finish(ResultStatus.FAILED, "cannot resolve STUN server " + hp.host());
        }
        Counter counter = new Counter();
        NatObservations observed;
        try {
            context.progress().accept("RFC 5780 NAT behaviour tests against STUN server " + spec.server());
            observed = observe(server, spec, counter);
        } catch (IOException e) {
            return run.finish(ResultStatus.ERROR, "NAT behaviour test could not use a local UDP socket: " + e.getMessage());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.STUN_TESTS, (double) counter.requests);
        metrics.put(MetricNames.STUN_ANSWERS, (double) counter.replies);
        if (observed.primary().isEmpty()) {
            return run.finish(ResultStatus.FAILED, "no STUN answer from " + spec.server() + " within "
                    + spec.timeout().toMillis() + " ms (UDP blocked, or no STUN server there)", metrics, Map.of(), null);
        }
        BindingReply first = observed.primary().get();
        metrics.put(MetricNames.STUN_RTT_MS, first.rttNanos() / 1e6);
        if (!first.success()) {
            return run.finish(ResultStatus.FAILED, "STUN server " + spec.server() + " answered with error " + first.errorCode(),
                    metrics, Map.of(), null);
        }
        NatVerdict verdict = NatClassifier.classify(observed);
        List<Optional<InetAddress>> hops = List.of();
        String traceProblem = null;
        try {
            hops = server.getAddress() instanceof Inet4Address ? PathHops.trace(server.getAddress(), MAX_HOPS, HOP_WAIT_NANOS) : List.of();
        } catch (IOException e) {
            traceProblem = "path not traced: " + e.getMessage();
        }
        Optional<WanAddresses> snmp = context.siteWan().filter(w -> w.source() == TrafficSource.SNMP).map(w -> {
            context.progress().accept("the router's WAN address over SNMP from " + w.host() + " " + w.interfaceSelector());
            return readers.wanAddresses(w);
        });
        // NAT-PMP is the fallback: a router that answered SNMP is not asked again
        Optional<RouterWanAddress> natPmp = snmp.filter(w -> !w.addresses().isEmpty()).isPresent() ? Optional.empty() : RouterWanAddress.query();
        DoubleNatVerdict doubleNat = DoubleNatVerdict.of(verdict.publicAddress().map(InetSocketAddress::getAddress), snmp, natPmp, hops);
        NatFindings findings = NatFindings.of(verdict, doubleNat, observed.otherAddressKnown(), spec.localPort() != 0);
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.putObject("double_nat").put("verdict", doubleNat.kind().wireName())
                .put("evidence", traceProblem == null ? doubleNat.evidence() : doubleNat.evidence() + "; " + traceProblem);
        doubleNat.fix().ifPresent(f -> details.with("double_nat").put("fix", f));
        ArrayNode path = details.putArray("path");
        hops.forEach(h -> path.add(h.map(InetAddress::getHostAddress).orElse("*")));
        return run.finish(findings.status(), findings.reason(), metrics, findings.labels(), details);
    }

    private static NatObservations observe(InetSocketAddress server, NatBehaviourSpec spec, Counter counter) throws IOException {
        long timeout = spec.timeout().toNanos();
        InetAddress localIp = StunExchange.routeSource(server);
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(localIp, spec.localPort()))) {
            InetSocketAddress local = (InetSocketAddress) a.getLocalSocketAddress();
            StunExchange mapping = new StunExchange(new IceUdpSocketWrapper(a));
            Optional<BindingReply> test1 = counter.count(mapping.binding(server, false, false, 0, timeout));
            Optional<InetSocketAddress> other = test1.filter(BindingReply::success).flatMap(BindingReply::otherAddress);
            Optional<InetSocketAddress> m1 = test1.filter(BindingReply::success).flatMap(BindingReply::xorMapped);
            if (m1.isEmpty() || other.isEmpty()) {
                return new NatObservations(local, test1, Optional.empty(), Optional.empty(), Answer.NOT_RUN, Answer.NOT_RUN,
                        Answer.NOT_RUN, other.isPresent());
            }
            boolean nat = !m1.get().equals(local);
            Optional<BindingReply> test2 = Optional.empty();
            Optional<BindingReply> test3 = Optional.empty();
            if (nat) {
                test2 = counter.count(mapping.binding(new InetSocketAddress(other.get().getAddress(), server.getPort()), false, false, 0, timeout));
                boolean independent = test2.flatMap(BindingReply::xorMapped).equals(m1);
                if (test2.isPresent() && !independent) {
                    test3 = counter.count(mapping.binding(other.get(), false, false, 0, timeout));
                }
            }
            Answer[] filtering = filtering(server, localIp, timeout, counter);
            Answer hairpin = nat ? hairpin(mapping, m1.get(), localIp, timeout) : Answer.NOT_RUN;
            return new NatObservations(local, test1, test2, test3, filtering[0], filtering[1], hairpin, true);
        }
    }

    /** On a socket that has only talked to IP1:P1: does an answer from IP2:P2, then from IP1:P2, come through? */
    private static Answer[] filtering(InetSocketAddress server, InetAddress localIp, long timeout, Counter counter) throws IOException {
        try (DatagramSocket b = new DatagramSocket(new InetSocketAddress(localIp, 0))) {
            StunExchange filter = new StunExchange(new IceUdpSocketWrapper(b));
            if (counter.count(filter.binding(server, false, false, 0, timeout)).isEmpty()) {
                return new Answer[]{Answer.NOT_RUN, Answer.NOT_RUN};
            }
            Answer both = Answer.of(counter.count(filter.binding(server, true, true, 0, timeout)).filter(BindingReply::success).isPresent());
            if (both == Answer.ARRIVED) return new Answer[]{both, Answer.NOT_RUN};
            Answer port = Answer.of(counter.count(filter.binding(server, false, true, 0, timeout)).filter(BindingReply::success).isPresent());
            return new Answer[]{both, port};
        }
    }

    /** §4.5: a request sent from another local socket to the mapped address; hairpinning NATs deliver it back inside. */
    private static Answer hairpin(StunExchange mapping, InetSocketAddress mapped, InetAddress localIp, long timeout) throws IOException {
        try (DatagramSocket c = new DatagramSocket(new InetSocketAddress(localIp, 0))) {
            byte[] tid = StunExchange.newTransactionId();
            byte[] request = StunExchange.bindingRequest(tid, false, false, 0);
            c.send(new DatagramPacket(request, request.length, mapped));
            return Answer.of(mapping.receivesOwn(tid, System.nanoTime() + timeout));
        }
    }

    private static final class Counter {
        int requests;
        int replies;

        Optional<BindingReply> count(Optional<BindingReply> reply) {
            requests++;
            if (reply.isPresent()) replies++;
            return reply;
        }
    }
}
