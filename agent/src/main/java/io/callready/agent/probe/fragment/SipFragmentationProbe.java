package io.callready.agent.probe.fragment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.net.DontFragmentUdpSocket;
import io.callready.wire.net.DontFragmentUdpSocket.Fragmentation;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.wire.plan.SipFragmentationSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Large UDP SIP: sends OPTIONS padded to each ladder size, first with DF set (which measures the path MTU and teaches
 * it to the kernel), then letting the kernel fragment, and asks the reflector how many bytes arrived. Sizes that
 * arrive with fragmentation allowed but exceed the path MTU prove fragments pass; any size lost only when it needs
 * fragments proves fragments are dropped.
 */
public final class SipFragmentationProbe implements Probe<SipFragmentationSpec> {
    private static final int IPV4_UDP_HEADERS = 28;
    private static final int TRIES = 2;
    /** RFC 3261 §18.1.1: a request larger than this (MTU unknown) must go over a congestion-controlled transport. */
    public static final int RFC3261_UDP_LIMIT = 1300;
    /** The reflector pads its answers to at most this size (its {@code SipEcho.MAX_REPLY_BYTES}). */
    static final int MAX_TOWARDS_SITE_BYTES = 4000;

    @Override
    public ProbeKind kind() {
        return ProbeKind.SIP_FRAGMENTATION;
    }

    @Override
    public String target(SipFragmentationSpec spec) {
        return spec.reflector() + ":" + spec.port();
    }

    @Override
    public ProbeResult run(SipFragmentationSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        String unsupported = DontFragmentUdpSocket.supported();
        if (unsupported != null) {
            return run.finish(ResultStatus.ERROR, "cannot control the don't-fragment bit here: " + unsupported);
        }
        InetSocketAddress to;
        try {
            to = new InetSocketAddress(InetAddress.getByName(spec.reflector()), spec.port());
        } catch (UnknownHostException e) {
            return run.finish(ResultStatus.FAILED, "cannot resolve reflector host '" + spec.reflector() + "'");
        }
        String requestUri = "sip:size-test@" + spec.reflector() + ":" + spec.port();
        List<SizeAttempt> fragmented = new ArrayList<>();
        List<SizeAttempt> df = new ArrayList<>();
        List<SizeAttempt> down = new ArrayList<>();
        int kernelPmtu;
        try {
            // don't-fragment first: its ICMP "fragmentation needed" teaches the kernel the path MTU before the
            // fragmentation-allowed ladder runs, so that ladder fragments at the path MTU on the first run as on every
            // later one (a phone or PBX fragments the same way once it has learnt the path MTU)
            for (int size : spec.sizes()) {
                df.add(attempt(to, requestUri, size, Fragmentation.DONT_FRAGMENT, false, spec, df));
                context.progress().accept("large UDP SIP " + size + " B, don't fragment: " + describe(df.getLast()));
            }
            for (int size : spec.sizes()) {
                fragmented.add(attempt(to, requestUri, size, Fragmentation.ALLOWED, false, spec, fragmented));
                context.progress().accept("large UDP SIP " + size + " B, fragmentation allowed: " + describe(fragmented.getLast()));
                if (!fragmented.getFirst().arrived() && df.stream().noneMatch(SizeAttempt::arrived)) break; // nothing answers at all
            }
            if (fragmented.stream().noneMatch(SizeAttempt::arrived) && df.stream().noneMatch(SizeAttempt::arrived)) {
                return run.finish(ResultStatus.FAILED, "no padded OPTIONS reached the reflector at " + target(spec) + " ("
                        + fragmented.getFirst().note() + "); is its SIP responder running (--sip)?", Map.of(), Map.of(), details(fragmented, df, down, -1));
            }
            for (int size : spec.sizes().stream().filter(n -> n <= MAX_TOWARDS_SITE_BYTES).toList()) {
                down.add(attempt(to, requestUri, size, Fragmentation.ALLOWED, true, spec, down));
                context.progress().accept("large UDP SIP " + size + " B towards the site: " + describe(down.getLast()));
            }
            try (DontFragmentUdpSocket s = DontFragmentUdpSocket.open(to, Fragmentation.DONT_FRAGMENT)) {
                kernelPmtu = s.pathMtu();
            }
        } catch (IOException e) {
            return run.finish(ResultStatus.ERROR, "cannot run the fragmentation test: " + e.getMessage());
        }
        return conclude(run, fragmented, df, down, kernelPmtu);
    }

    private static String describe(SizeAttempt a) {
        return a.arrived() ? "arrived" : a.tooBig() ? "too big for the path MTU (EMSGSIZE)" : "lost (" + a.note() + ")";
    }

    /** @param towardsSite a small request asking for an answer of {@code size} bytes, instead of a request of that size */
    private static SizeAttempt attempt(InetSocketAddress to, String uri, int size, Fragmentation mode, boolean towardsSite,
                                       SipFragmentationSpec spec, List<SizeAttempt> earlier) throws IOException {
        boolean dontFragment = mode == Fragmentation.DONT_FRAGMENT;
        // once a smaller size was lost the same way, one try is enough: the loss is not random
        int tries = earlier.stream().anyMatch(a -> !a.arrived()) ? 1 : TRIES;
        String note = "no answer within " + spec.timeout().toMillis() + " ms";
        for (int t = 1; t <= tries + 1; t++) {
            try (DontFragmentUdpSocket socket = DontFragmentUdpSocket.open(to, mode)) {
                byte[] request = towardsSite ? PaddedOptions.askingForReply(uri, socket.localAddress(), size)
                        : PaddedOptions.build(uri, socket.localAddress(), size);
                int errno = socket.send(request);
                if (errno == DontFragmentUdpSocket.EMSGSIZE) {
                    return new SizeAttempt(size, dontFragment, false, true, t, "path MTU " + socket.pathMtu());
                }
                if (errno != 0) {
                    return new SizeAttempt(size, dontFragment, false, false, t, "send failed, errno " + errno);
                }
                long deadline = System.nanoTime() + spec.timeout().toNanos();
                while (System.nanoTime() < deadline) {
                    byte[] reply;
                    try {
                        reply = socket.receive(java.time.Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                    } catch (DontFragmentUdpSocket.ReceiveError e) {
                        return new SizeAttempt(size, dontFragment, false, false, t, e.getMessage());
                    }
                    if (reply == null) break;
                    Optional<Integer> got = receivedBytes(reply);
                    if (got.isPresent() && towardsSite) {
                        return reply.length == size
                                ? new SizeAttempt(size, false, true, false, t, null)
                                : new SizeAttempt(size, false, false, false, t, "the reflector answered " + reply.length + " bytes, not "
                                + size + " (a reflector without large answers?)");
                    }
                    if (got.isPresent()) {
                        return got.get() == size
                                ? new SizeAttempt(size, dontFragment, true, false, t, null)
                                : new SizeAttempt(size, dontFragment, false, false, t, "reflector received " + got.get() + " bytes, not " + size);
                    }
                }
            }
            // with DF set, an ICMP "fragmentation needed" teaches the kernel the path MTU; one extra try then says EMSGSIZE
            if (t == tries && !dontFragment) break;
        }
        return new SizeAttempt(size, dontFragment, false, false, tries, note);
    }

    private static Optional<Integer> receivedBytes(byte[] reply) {
        try {
            return SipMessage.parse(reply).first("X-CallReady-Received-Bytes").map(String::trim).map(Integer::parseInt);
        } catch (MalformedSipException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private ProbeResult conclude(ProbeRun run, List<SizeAttempt> fragmented, List<SizeAttempt> df, List<SizeAttempt> down, int kernelPmtu) {
        int largest = fragmented.stream().filter(SizeAttempt::arrived).mapToInt(SizeAttempt::size).max().orElse(0);
        int largestDf = df.stream().filter(SizeAttempt::arrived).mapToInt(SizeAttempt::size).max().orElse(0);
        boolean anyTooBig = df.stream().anyMatch(SizeAttempt::tooBig);
        // EMSGSIZE means the kernel learned the path MTU from an ICMP "fragmentation needed"; silent DF losses
        // (an ICMP black hole) leave only a lower bound: the largest DF size that arrived plus the headers
        boolean silentDfLoss = df.stream().anyMatch(a -> !a.arrived() && !a.tooBig());
        int pmtu = anyTooBig || !silentDfLoss ? kernelPmtu : largestDf + IPV4_UDP_HEADERS;
        if (pmtu <= 0) pmtu = largestDf + IPV4_UDP_HEADERS;
        // no don't-fragment size arrived and the kernel learned nothing: the path MTU is unknown, not 28 bytes
        boolean pmtuKnown = pmtu > IPV4_UDP_HEADERS;
        int fitsUnfragmented = pmtu - IPV4_UDP_HEADERS;
        // any size that needed fragments and was lost, while smaller ones arrived, means fragments are dropped somewhere,
        // even when a hop further on fragmented (and so delivered) some other size
        boolean lostNeedingFragments = fragmented.stream().anyMatch(a -> !a.arrived() && a.size() > fitsUnfragmented);
        boolean anyArrived = fragmented.stream().anyMatch(SizeAttempt::arrived);
        boolean fragmentsDropped = lostNeedingFragments && anyArrived;
        boolean fragmentsPass = !lostNeedingFragments && fragmented.stream().anyMatch(a -> a.arrived() && a.size() > fitsUnfragmented);
        int largestDown = down.stream().filter(SizeAttempt::arrived).mapToInt(SizeAttempt::size).max().orElse(0);
        // the way down is judged the same way; its own MTU is unknown here, so a loss above what fits one
        // Ethernet frame (or the way up's path MTU) while smaller answers arrived counts as fragments dropped
        int fitsDown = Math.min(fitsUnfragmented, 1500 - IPV4_UDP_HEADERS);
        boolean downDropped = down.stream().anyMatch(SizeAttempt::arrived)
                && down.stream().anyMatch(a -> !a.arrived() && a.size() > fitsDown);
        String direction = fragmentsDropped && downDropped ? " both ways" : fragmentsDropped ? " towards the provider"
                : downDropped ? " towards the site" : "";
        fragmentsDropped = fragmentsDropped || downDropped;
        List<String> advice = new ArrayList<>();
        if (fragmentsDropped) {
            advice.add("large UDP SIP messages are lost: fragments are dropped on the path; use SIP over TCP or TLS"
                    + " (RFC 3261 §18.1.1 already requires TCP above " + RFC3261_UDP_LIMIT + " bytes), or lower the phones'/PBX's"
                    + " interface MTU and offer fewer codecs so INVITEs stay under " + fitsUnfragmented + " bytes");
        }
        if (pmtu > 0 && pmtu < 1500) {
            advice.add("path MTU is " + pmtu + " bytes, below Ethernet's 1500: a tunnel, PPPoE or VPN is on the path");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.SIP_LARGEST_UDP_BYTES, (double) largest);
        if (pmtuKnown) metrics.put(MetricNames.PATH_MTU_BYTES, (double) pmtu);
        ObjectNode details = details(fragmented, df, down, pmtu);
        details.put("largest_udp_sip_bytes", largest).put("largest_udp_sip_towards_site_bytes", largestDown).put("largest_unfragmented_bytes", largestDf).put("fragments_dropped", fragmentsDropped)
                .put("kernel_path_mtu", kernelPmtu);
        advice.forEach(details.putArray("advice")::add);
        String downText = down.stream().anyMatch(SizeAttempt::arrived) ? largestDown + " B" : "not measured, " + (down.isEmpty() ? "no size up to " + MAX_TOWARDS_SITE_BYTES + " B" : down.getFirst().note());
        String reason = "largest UDP SIP message that arrives: " + largest + " B (towards the site: " + downText + "); path MTU "
                + (pmtuKnown ? pmtu + " B" : "unknown (no don't-fragment size arrived)") + "; fragments "
                + (fragmentsDropped ? "dropped" + direction : fragmentsPass ? "pass" : "not needed up to the largest size tried")
                + (advice.isEmpty() ? "" : "; " + String.join("; ", advice));
        ResultStatus status = fragmentsDropped ? ResultStatus.DEGRADED : ResultStatus.OK;
        return run.finish(status, reason, metrics, Map.of(), details);
    }

    private static ObjectNode details(List<SizeAttempt> fragmented, List<SizeAttempt> df, List<SizeAttempt> down, int pmtu) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("path_mtu", pmtu);
        ArrayNode list = root.putArray("attempts");
        for (List<SizeAttempt> group : List.of(fragmented, df)) {
            for (SizeAttempt a : group) {
                list.addObject().put("size", a.size()).put("dont_fragment", a.dontFragment()).put("arrived", a.arrived())
                        .put("too_big", a.tooBig()).put("tries", a.tries()).put("note", a.note());
            }
        }
        ArrayNode towardsSite = root.putArray("attempts_towards_site");
        for (SizeAttempt a : down) {
            towardsSite.addObject().put("size", a.size()).put("arrived", a.arrived()).put("tries", a.tries()).put("note", a.note());
        }
        return root;
    }
}
