package io.callready.agent.probe.rtpports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.RtpPortsSpec;
import io.callready.wire.rtp.PortTestPacket;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Whether RTP passes on the provider's media range: the sampled ports ({@link PortSampling#spread}) are opened on
 * the reflector and tested ({@link PortTester}); where a sample does not answer, further rounds test the gaps to
 * the open neighbours until the blocked slice's edges are exact (at most {@value #MAX_REFINE_ROUNDS} rounds). A slice
 * that lies wholly between two answering samples is not seen: the sample count bounds what is found.
 */
public final class RtpPortsProbe implements Probe<RtpPortsSpec> {
    static final int MAX_REFINE_ROUNDS = 5;
    static final int PROBES_PER_GAP = 15;

    @Override
    public ProbeKind kind() {
        return ProbeKind.RTP_PORTS;
    }

    @Override
    public String target(RtpPortsSpec spec) {
        return spec.reflector();
    }

    @Override
    public ProbeResult run(RtpPortsSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        HostPort hp = HostPort.parse(spec.reflector());
        InetSocketAddress control = new InetSocketAddress(hp.host(), hp.port());
        Map<String, String> labels = new LinkedHashMap<>();
        if (control.isUnresolved()) {
            return run.finish(ResultStatus.FAILED, "cannot resolve reflector host '" + hp.host() + "'", Map.of(), labels, null);
        }
        try (PortTester tester = new PortTester(control, spec.timeout(), ThreadLocalRandom.current().nextLong(1L << 32))) {
            context.progress().accept("RTP ports " + spec.from() + "-" + spec.to() + ": " + spec.samples() + " samples via " + spec.reflector());
            NavigableMap<Integer, Boolean> answered = new TreeMap<>();
            Map<Integer, Integer> seenSource = new TreeMap<>();
            Set<Integer> untested = new HashSet<>();
            if (!round(tester, PortSampling.spread(spec.from(), spec.to(), spec.samples()), answered, seenSource, untested)) {
                return run.finish(ResultStatus.FAILED, "the reflector " + spec.reflector() + " did not answer the port-test request "
                        + "(not reachable, or a CallReady reflector too old for the RTP port test)", Map.of(), labels, null);
            }
            int rounds = 0;
            while (spec.refine() && rounds < MAX_REFINE_ROUNDS) {
                List<Integer> next = new ArrayList<>(PortSampling.edgeProbes(answered, PROBES_PER_GAP));
                next.removeAll(untested);
                if (next.isEmpty()) break;
                round(tester, next, answered, seenSource, untested);
                rounds++;
            }
            return conclude(run, spec, answered, seenSource, untested, tester.localPort(), rounds, labels);
        } catch (IOException e) {
            return run.finish(ResultStatus.ERROR, "cannot use a UDP socket for the RTP port test: " + e.getMessage(), Map.of(), labels, null);
        } catch (RuntimeException e) {
            return run.finish(ResultStatus.ERROR, "probe failed unexpectedly: " + e, Map.of(), labels, null);
        }
    }

    /**
     * Opens and tests {@code ports}. A round in which not one opened port answered is asked once more before its
     * silence counts: a stalled host that tests after the reflector's hold has lapsed looks exactly like a firewall
     * dropping the whole range, and the second round costs only a genuinely blocked range its time.
     *
     * @return false when the reflector answered none of the open requests
     */
    private static boolean round(PortTester tester, List<Integer> ports, NavigableMap<Integer, Boolean> answered,
                                 Map<Integer, Integer> seenSource, Set<Integer> untested) throws IOException {
        List<Integer> opened = new ArrayList<>();
        if (!open(tester, ports, opened, untested)) return false;
        Map<Integer, Integer> replies = tester.test(opened);
        if (replies.isEmpty() && !opened.isEmpty()) {
            List<Integer> reopened = new ArrayList<>();
            if (open(tester, List.copyOf(opened), reopened, untested)) {
                opened = reopened;
                replies = tester.test(opened);
            }
        }
        for (int port : opened) {
            answered.put(port, replies.containsKey(port));
        }
        seenSource.putAll(replies);
        return true;
    }

    /** Asks the reflector to open {@code ports}; adds to {@code opened} those it did. False when it never answered. */
    private static boolean open(PortTester tester, List<Integer> ports, List<Integer> opened, Set<Integer> untested) throws IOException {
        Map<Integer, Integer> status = tester.open(ports);
        if (status.isEmpty()) return false;
        status.forEach((port, s) -> {
            if (s == PortTestPacket.OPENED) opened.add(port);
            else if (s == PortTestPacket.IN_USE) untested.add(port);
            // REFUSED: the reflector is at its limit of open ports for now; a later round asks again
        });
        return true;
    }

    static ProbeResult conclude(ProbeRun run, RtpPortsSpec spec, NavigableMap<Integer, Boolean> answered, Map<Integer, Integer> seenSource,
                                Set<Integer> untested, int localPort, int rounds, Map<String, String> labels) {
        List<PortSampling.Blocked> blocked = PortSampling.blocked(answered, spec.from(), spec.to());
        String media = SourcePorts.behaviour(localPort, seenSource.values());
        labels.put("media_source_ports", media);
        long blockedCount = answered.values().stream().filter(open -> !open).count();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("ports_tested_count", (double) answered.size());
        metrics.put("ports_blocked_count", (double) blockedCount);
        metrics.put("blocked_ranges_count", (double) blocked.size());
        metrics.put("ports_untested_count", (double) untested.size());
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("range", spec.from() + "-" + spec.to());
        details.put("refine_rounds", rounds);
        details.put("local_port", localPort);
        details.put("media_source_ports", media);
        details.put("media_source_ports_text", SourcePorts.describe(media, localPort, seenSource.values()));
        ArrayNode ranges = details.putArray("blocked_ranges");
        blocked.forEach(b -> ranges.addObject().put("from", b.from()).put("to", b.to()).put("exact", b.exact()));
        details.putPOJO("open_samples", answered.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        if (!untested.isEmpty()) {
            details.putPOJO("untested", untested.stream().sorted().toList());
        }
        if (answered.isEmpty()) {
            return run.finish(ResultStatus.FAILED, "the reflector could not listen on any sampled port of " + spec.from() + "-" + spec.to(),
                    metrics, labels, details);
        }
        String sources = SourcePorts.describe(media, localPort, seenSource.values());
        if (blocked.isEmpty()) {
            return run.finish(ResultStatus.OK, "all " + answered.size() + " tested ports of " + spec.from() + "-" + spec.to()
                    + " answered through the pinhole; " + sources, metrics, labels, details);
        }
        return run.finish(ResultStatus.DEGRADED, "blocked: " + blocked.stream().map(PortSampling.Blocked::text).collect(Collectors.joining(", "))
                + " (" + blockedCount + " of " + answered.size() + " tested ports got no reply); " + sources, metrics, labels, details);
    }
}
