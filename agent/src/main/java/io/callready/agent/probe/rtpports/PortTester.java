package io.callready.agent.probe.rtpports;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.PortTestPacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the reflector to listen on some ports, then sends RTP to each from one local socket, as a phone sends media
 * from one port: a port answers when the reply came back through the pinhole the RTP opened (symmetric RTP). Every
 * request and test is sent up to three times; replies are matched by the RTP sequence number and the port they
 * name.
 */
final class PortTester implements AutoCloseable {
    static final int TRIES = 3;
    /** Long enough for one round (open, then three tries of the tests), short enough that rounds hardly overlap. */
    static final int HOLD_SECONDS = 3;
    /** A G.711 20 ms frame, so the test is the size of real media. */
    static final int RTP_PAYLOAD = 160;
    private static final int EF_TOS = 46 << 2;

    private final DatagramSocket socket;
    private final InetSocketAddress control;
    private final Duration timeout;
    private final long ssrc;
    private int sequence;

    PortTester(InetSocketAddress control, Duration timeout, long ssrc) throws IOException {
        this.socket = new DatagramSocket();
        this.control = control;
        this.timeout = timeout;
        this.ssrc = ssrc;
        socket.setTrafficClass(EF_TOS);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** @return port → status of the reflector's opened reply ({@link PortTestPacket#OPENED} ...); empty when it never answered */
    Map<Integer, Integer> open(List<Integer> ports) throws IOException {
        Map<Integer, Integer> status = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i += PortTestPacket.MAX_PORTS) {
            List<Integer> batch = ports.subList(i, Math.min(ports.size(), i + PortTestPacket.MAX_PORTS));
            status.putAll(openBatch(batch));
        }
        return status;
    }

    private Map<Integer, Integer> openBatch(List<Integer> batch) throws IOException {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int seq = nextSequence();
            ByteBuffer out = ByteBuffer.allocate(RtpHeader.FIXED_LENGTH + 8 + 3 * batch.size());
            PortTestPacket.encodeOpenRequest(out, header(seq), HOLD_SECONDS, batch);
            socket.send(new DatagramPacket(out.array(), out.position(), control));
            long deadline = System.nanoTime() + timeout.toNanos();
            DatagramPacket p;
            while ((p = receive(deadline)) != null) {
                if (!p.getSocketAddress().equals(control)) continue;
                try {
                    PortTestPacket.Opened opened = PortTestPacket.decodeOpened(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
                    if (opened.header().sequence() != (seq & 0xFFFF)) continue;
                    Map<Integer, Integer> status = new LinkedHashMap<>();
                    opened.entries().forEach(e -> status.put(e.port(), e.status()));
                    return status;
                } catch (MalformedPacketException e) {
                    // another reply (a late one to an earlier batch): keep waiting
                }
            }
        }
        return Map.of();
    }

    /** @return each port that answered → the source port the reflector saw the test come from */
    Map<Integer, Integer> test(List<Integer> ports) throws IOException {
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        InetAddress host = control.getAddress();
        for (int attempt = 0; attempt < TRIES && seen.size() < ports.size(); attempt++) {
            List<Integer> pending = new ArrayList<>();
            for (int port : ports) {
                if (seen.containsKey(port)) continue;
                pending.add(port);
                ByteBuffer out = ByteBuffer.allocate(RtpHeader.FIXED_LENGTH + RTP_PAYLOAD);
                PortTestPacket.encodePortTest(out, header(nextSequence()), RTP_PAYLOAD);
                socket.send(new DatagramPacket(out.array(), out.position(), new InetSocketAddress(host, port)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            DatagramPacket p;
            while (seen.size() < ports.size() && (p = receive(deadline)) != null) {
                if (!p.getAddress().equals(host) || !pending.contains(p.getPort())) continue;
                try {
                    PortTestPacket.PortTest reply = PortTestPacket.decodePortTest(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
                    if (reply.header().ssrc() == ssrc && reply.arrivedOnPort() == p.getPort()) {
                        seen.put(p.getPort(), reply.seenSourcePort());
                    }
                } catch (MalformedPacketException e) {
                    // not a test reply
                }
            }
        }
        return seen;
    }

    private DatagramPacket receive(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) return null;
        socket.setSoTimeout((int) left);
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        try {
            socket.receive(p);
            return p;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private int nextSequence() {
        return sequence++ & 0xFFFF;
    }

    private RtpHeader header(int seq) {
        return new RtpHeader(false, 0, seq, seq * 160L, ssrc);
    }

    @Override
    public void close() {
        socket.close();
    }
}
