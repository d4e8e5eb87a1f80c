package io.callready.agent.probe.sip;

import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipMessage;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Function;

/**
 * RFC 3261 §17.1.2 non-INVITE client transaction over UDP: send, retransmit after T1, doubling up to T2
 * (Timer E), give up at Timer F. After a provisional response retransmissions continue every T2.
 * Responses whose top Via branch is not ours are ignored.
 */
public final class UdpTransaction {
    public static final Duration T1 = Duration.ofMillis(500);
    public static final Duration T2 = Duration.ofSeconds(4);
    private static final int MAX_DATAGRAM = 65_535;

    private UdpTransaction() {
    }

    /**
     * @param build  builds the request for our local address (the Via must carry it)
     * @param timerF overall timeout (64·T1 = 32 s in RFC 3261; shorter in checks and tests)
     */
    public static Exchange run(InetSocketAddress to, Function<InetSocketAddress, SipMessage> build, Duration timerF, Duration t1) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(to.getAddress() instanceof java.net.Inet6Address
                ? java.net.InetAddress.getByName("::") : java.net.InetAddress.getByName("0.0.0.0"), 0))) {
            socket.connect(to);
            InetSocketAddress local = new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
            SipMessage request = build.apply(local);
            String branch = ViaParams.branchOf(request);
            byte[] bytes = request.encode();
            DatagramPacket out = new DatagramPacket(bytes, bytes.length, to);
            long start = System.nanoTime();
            long deadline = start + timerF.toNanos();
            long interval = t1.toNanos();
            long nextSend = start;
            int sends = 0;
            int provisional = 0;
            byte[] buf = new byte[MAX_DATAGRAM];
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return new Exchange("timeout", "no final response within " + timerF.toMillis() + " ms after "
                            + sends + " transmissions" + (provisional > 0 ? " (saw " + provisional + " provisional)" : ""),
                            -1, -1, -1, Math.max(0, sends - 1), null, provisional, local, null);
                }
                if (now >= nextSend) {
                    socket.send(out);
                    sends++;
                    nextSend = now + interval;
                    interval = provisional > 0 ? T2.toNanos() : Math.min(interval * 2, T2.toNanos());
                }
                long wait = Math.max(1, Math.min(nextSend, deadline) - System.nanoTime());
                socket.setSoTimeout((int) Math.max(1, wait / 1_000_000));
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                long at = System.nanoTime();
                SipMessage response;
                try {
                    response = SipMessage.parse(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                } catch (MalformedSipException e) {
                    continue;
                }
                if (!response.isResponse() || !branch.equals(ViaParams.of(response).branch())) {
                    continue;
                }
                if (response.statusCode() < 0) {
                    return new Exchange("response", StatusLine.noStatusCode(response), -1, -1, (at - start) / 1_000_000, sends - 1,
                            null, provisional, local, null);
                }
                if (response.statusCode() < 200) {
                    provisional = response.statusCode();
                    continue;
                }
                return new Exchange(null, null, -1, -1, (at - start) / 1_000_000, sends - 1, response, provisional, local, null);
            }
        } catch (PortUnreachableException e) {
            return Exchange.failed("connect", "ICMP port unreachable: nothing listens on udp " + SipRequests.hostPort(to), -1, -1, null, null);
        } catch (IOException e) {
            return Exchange.failed("connect", "cannot send over udp to " + SipRequests.hostPort(to) + ": " + e.getMessage(), -1, -1, null, null);
        }
    }
}
