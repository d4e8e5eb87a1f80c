package io.callready.agent.probe.lifetime;

import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.nat.BindingReply;
import io.callready.agent.probe.nat.StunExchange;
import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.UdpLifetimeSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.ice4j.socket.IceUdpSocketWrapper;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RFC 5780 §4.6 binding lifetime, for both kinds of mapping at once (one search each, on its own sockets), judged
 * by {@link LifetimeFindings}.
 */
public final class UdpLifetimeProbe implements Probe<UdpLifetimeSpec> {
    /** How long an answer may take to reach X: a loaded machine plus a long path, far below the 5 s resolution. */
    static final long ANSWER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long SETUP_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    @Override
    public ProbeKind kind() {
        return ProbeKind.UDP_LIFETIME;
    }

    @Override
    public String target(UdpLifetimeSpec spec) {
        return spec.server();
    }

    @Override
    public ProbeResult run(UdpLifetimeSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        HostPort hp = HostPort.parse(spec.server());
        InetSocketAddress server;
        InetAddress localIp;
        try {
            server = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
            localIp = StunExchange.routeSource(server);
        } catch (UnknownHostException e) {
            return run.finish(ResultStatus.FAILED, "cannot resolve STUN server " + hp.host());
        } catch (IOException e) {
            return run.finish(ResultStatus.ERROR, "no local address towards " + spec.server() + ": " + e.getMessage());
        }
        context.progress().accept("UDP binding lifetime against " + spec.server() + ": idle times up to "
                + spec.cap().toSeconds() + " s, two-way and one-way mappings in parallel");
        CompletableFuture<LifetimeOutcome> twoWay = CompletableFuture.supplyAsync(() -> search(MappingKind.TWO_WAY, server, localIp, spec),
                command -> Thread.ofPlatform().daemon(true).name("lifetime-two-way").start(command));
        LifetimeOutcome oneWay = search(MappingKind.ONE_WAY, server, localIp, spec);
        LifetimeFindings f = LifetimeFindings.of(twoWay.join(), oneWay,
                new LifetimeFindings.Needs(spec.keepaliveInterval(), spec.minUdpTimeout(), spec.minRtpTimeout()));
        return run.finish(f.status(), f.reason(), f.metrics(), Map.of(), null);
    }

    /** One kind's search; never throws. */
    static LifetimeOutcome search(MappingKind kind, InetSocketAddress server, InetAddress localIp, UdpLifetimeSpec spec) {
        LifetimeSearch search = spec.fast() ? LifetimeSearch.grid(spec.resolution().toMillis(), spec.cap().toMillis())
                : new LifetimeSearch(spec.first().toMillis(), spec.cap().toMillis(), spec.resolution().toMillis(), spec.parallel());
        try (DatagramSocket helperSocket = new DatagramSocket(new InetSocketAddress(localIp, 0))) {
            StunExchange helper = new StunExchange(new IceUdpSocketWrapper(helperSocket));
            for (List<Long> batch = search.nextBatch(); !batch.isEmpty(); batch = search.nextBatch()) {
                Optional<String> problem = runBatch(kind, batch, search, server, localIp, helperSocket, helper);
                if (problem.isPresent()) return LifetimeOutcome.failed(kind, spec.cap().toMillis(), problem.get());
            }
            return LifetimeOutcome.of(kind, search);
        } catch (IOException e) {
            return LifetimeOutcome.failed(kind, spec.cap().toMillis(), kind.wireName() + " search could not use a UDP socket: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LifetimeOutcome.failed(kind, spec.cap().toMillis(), kind.wireName() + " search interrupted");
        }
    }

    /** Starts one trial per idle time, then asks each in turn when its time is up; stops at the first expiry. */
    private static Optional<String> runBatch(MappingKind kind, List<Long> idleMs, LifetimeSearch search, InetSocketAddress server,
                                             InetAddress localIp, DatagramSocket helperSocket, StunExchange helper)
            throws IOException, InterruptedException {
        Optional<BindingReply> helperMapping = helper.binding(server, false, false, 0, SETUP_TIMEOUT_NANOS);
        if (helperMapping.isEmpty() || !helperMapping.get().success()) {
            return Optional.of("no STUN answer from " + server.getAddress().getHostAddress() + ":" + server.getPort());
        }
        int helperPort = helperMapping.get().xorMapped().orElseThrow().getPort();
        List<MappingTrial> trials = new ArrayList<>();
        try {
            for (int i = 0; i < idleMs.size(); i++) {
                MappingTrial t = MappingTrial.open(localIp);
                trials.add(t);
                if (!t.start(kind, server, helper, helperPort, SETUP_TIMEOUT_NANOS)) {
                    return Optional.of("the STUN server did not set up a " + kind.wireName() + " mapping (does it honour RESPONSE-PORT?)");
                }
            }
            if (kind == MappingKind.TWO_WAY) {
                sleepUntil(trials.getLast().lastTrafficNanos() + MappingTrial.STREAM_WINDOW_NANOS);
                for (MappingTrial t : trials) {
                    if (!t.confirm(server, SETUP_TIMEOUT_NANOS)) return Optional.of("the STUN server stopped answering during set-up");
                }
            }
            for (int i = 0; i < trials.size(); i++) {
                MappingTrial t = trials.get(i);
                sleepUntil(t.lastTrafficNanos() + TimeUnit.MILLISECONDS.toNanos(idleMs.get(i)));
                long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t.lastTrafficNanos());
                boolean survived = t.stillMapped(helperSocket, server, ANSWER_WAIT_NANOS);
                search.record(idle, survived);
                if (!survived) break;
            }
            return Optional.empty();
        } finally {
            trials.forEach(MappingTrial::close);
        }
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
