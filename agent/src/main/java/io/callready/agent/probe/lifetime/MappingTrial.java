package io.callready.agent.probe.lifetime;

import io.callready.agent.probe.nat.BindingReply;
import io.callready.agent.probe.nat.StunExchange;
import org.ice4j.socket.IceUdpSocketWrapper;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One idle-lifetime trial (RFC 5780 §4.6): socket X gets a mapping and falls silent; later a helper socket asks the
 * server, with RESPONSE-PORT, to answer X's public port, so the question itself never refreshes X's mapping. An
 * answer arriving on X means the mapping survived the idle time.
 */
final class MappingTrial implements AutoCloseable {
    /** Linux conntrack treats a flow as a stream only after traffic more than 2 s apart; wait a little longer. */
    static final long STREAM_WINDOW_NANOS = 2_300_000_000L;
    private static final int PROBE_COPIES = 2;
    private static final long PROBE_GAP_NANOS = 100_000_000L;

    private final DatagramSocket socket;
    private final StunExchange x;
    private int mappedPort;
    /** When X last sent or received: the idle time counts from here. */
    private long lastTrafficNanos;

    private MappingTrial(DatagramSocket socket) {
        this.socket = socket;
        this.x = new StunExchange(new IceUdpSocketWrapper(socket));
    }

    static MappingTrial open(InetAddress localIp) throws IOException {
        return new MappingTrial(new DatagramSocket(new InetSocketAddress(localIp, 0)));
    }

    /**
     * First step of both kinds. Two-way: a Binding whose answer comes back to X. One-way: a Binding from X whose
     * answer goes to the helper's mapped port (RESPONSE-PORT), so X sends one packet and receives nothing.
     *
     * @return false when the server did not answer (the trial cannot run)
     */
    boolean start(MappingKind kind, InetSocketAddress server, StunExchange helper, int helperMappedPort, long timeoutNanos) throws IOException {
        if (kind == MappingKind.TWO_WAY) {
            Optional<BindingReply> r = x.binding(server, false, false, 0, timeoutNanos);
            if (r.isEmpty() || !r.get().success()) return false;
            mappedPort = r.get().xorMapped().orElseThrow().getPort();
            lastTrafficNanos = System.nanoTime();
            return true;
        }
        byte[] tid = StunExchange.newTransactionId();
        byte[] request = StunExchange.bindingRequest(tid, false, false, helperMappedPort);
        long sent = System.nanoTime();
        socket.send(new DatagramPacket(request, request.length, server));
        Optional<BindingReply> r = helper.await(tid, sent, sent + timeoutNanos);
        if (r.isEmpty() || !r.get().success()) return false;
        mappedPort = r.get().xorMapped().orElseThrow().getPort();
        lastTrafficNanos = sent;
        return true;
    }

    /** Two-way only, at least {@link #STREAM_WINDOW_NANOS} after {@link #start}: the second exchange that makes it a stream. */
    boolean confirm(InetSocketAddress server, long timeoutNanos) throws IOException {
        Optional<BindingReply> r = x.binding(server, false, false, 0, timeoutNanos);
        if (r.isEmpty() || !r.get().success() || r.get().xorMapped().orElseThrow().getPort() != mappedPort) return false;
        lastTrafficNanos = System.nanoTime();
        return true;
    }

    long lastTrafficNanos() {
        return lastTrafficNanos;
    }

    /**
     * Asks the server, from the helper socket, to answer X's mapped port; a retransmission follows shortly in case
     * the first copy is lost. True when the answer reaches X within {@code waitNanos}.
     */
    boolean stillMapped(DatagramSocket helper, InetSocketAddress server, long waitNanos) throws IOException {
        byte[] tid = StunExchange.newTransactionId();
        byte[] request = StunExchange.bindingRequest(tid, false, false, mappedPort);
        long start = System.nanoTime();
        for (int i = 0; i < PROBE_COPIES; i++) {
            helper.send(new DatagramPacket(request, request.length, server));
            if (x.await(tid, start, System.nanoTime() + (i == PROBE_COPIES - 1 ? waitNanos : PROBE_GAP_NANOS)).isPresent()) return true;
        }
        return false;
    }

    @Override
    public void close() {
        socket.close();
    }
}
