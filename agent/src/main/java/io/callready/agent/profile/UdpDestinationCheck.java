package io.callready.agent.profile;

import io.callready.agent.probe.sip.ServerLocator;
import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A profile's UDP destination ({@code other_ports} with protocol udp). UDP has no handshake, so only a destination
 * that answers something can be checked: a STUN server gets a Binding request (RFC 8489 §6; retransmitted after
 * 0.5, 1 and 2 s, shorter than the RFC's 39.5 s so a checklist stays fast) and passes when a success response with
 * the site's mapped address comes back. For any other UDP service the item is a warning saying what cannot be known.
 */
final class UdpDestinationCheck {
    static final int STUN_PORT = 3478;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int MAPPED_ADDRESS = 0x0001;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;
    private static final long[] RETRANSMIT_MS = {500, 1000, 2000};

    private UdpDestinationCheck() {
    }

    static CheckItem item(ProviderProfile.OtherPort port, CheckOptions options) {
        String id = "port:" + (port.host() == null ? "" : port.host() + ":") + port.port() + "/udp";
        String title = port.purpose() + " UDP " + port.port();
        String allow = "allow outbound UDP " + port.port() + (port.host() == null ? "" : " to " + port.host()) + " and its replies";
        boolean stun = port.purpose().toLowerCase(Locale.ROOT).contains("stun") || port.port() == STUN_PORT;
        if (!stun) {
            return new CheckItem(id, title, Status.WARN, "UDP has no handshake and this service answers no probe the agent knows: "
                    + "whether datagrams to UDP " + port.port() + " arrive cannot be known from the site", allow);
        }
        if (port.host() == null) {
            return new CheckItem(id, title, Status.WARN, "the profile names no STUN host (the PBX is configured with its own): "
                    + "UDP " + port.port() + " cannot be tried from here", allow + " to the STUN server the PBX uses");
        }
        InetAddress address;
        try {
            List<InetAddress> found = ServerLocator.create(options.dns(), Duration.ofSeconds(3)).addressesOf(port.host());
            if (found.isEmpty()) {
                return new CheckItem(id, title, Status.FAIL, port.host() + " does not resolve from the site", "the site's DNS resolver must answer for " + port.host());
            }
            address = found.getFirst();
        } catch (Exception e) {
            return new CheckItem(id, title, Status.FAIL, "cannot resolve " + port.host() + ": " + e.getMessage(), "the site's DNS resolver must answer for " + port.host());
        }
        try {
            InetSocketAddress mapped = binding(new InetSocketAddress(address, port.port()));
            if (mapped == null) {
                return new CheckItem(id, title, Status.FAIL, "no STUN Binding response from " + port.host() + ":" + port.port()
                        + " after " + RETRANSMIT_MS.length + " tries in 3.5 s", allow);
            }
            return new CheckItem(id, title, Status.PASS, "STUN Binding answered by " + port.host() + ":" + port.port()
                    + "; the site is seen as " + mapped.getAddress().getHostAddress() + ":" + mapped.getPort(), null);
        } catch (IOException e) {
            return new CheckItem(id, title, Status.FAIL, "cannot send UDP to " + port.host() + ":" + port.port() + ": " + e.getMessage(), allow);
        }
    }

    /** The mapped address of a STUN Binding, or null when no success response came back. */
    static InetSocketAddress binding(InetSocketAddress server) throws IOException {
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        ByteBuffer req = ByteBuffer.allocate(20).putShort((short) BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE).put(tid);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (long waitMs : RETRANSMIT_MS) {
                socket.send(new DatagramPacket(req.array(), 20, server));
                long deadline = System.nanoTime() + waitMs * 1_000_000;
                long left;
                while ((left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                    socket.setSoTimeout((int) left);
                    DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    InetSocketAddress mapped = mappedAddress(ByteBuffer.wrap(p.getData(), 0, p.getLength()), tid);
                    if (mapped != null) return mapped;
                }
            }
        }
        return null;
    }

    /** The (XOR-)MAPPED-ADDRESS of a Binding success response with this transaction id, else null. */
    static InetSocketAddress mappedAddress(ByteBuffer m, byte[] tid) {
        if (m.remaining() < 20 || (m.getShort(0) & 0xFFFF) != BINDING_SUCCESS || m.getInt(4) != MAGIC_COOKIE
                || !Arrays.equals(Arrays.copyOfRange(m.array(), m.arrayOffset() + 8, m.arrayOffset() + 20), tid)) {
            return null;
        }
        int end = Math.min(m.limit(), 20 + (m.getShort(2) & 0xFFFF));
        InetSocketAddress plain = null;
        for (int off = 20; off + 4 <= end; ) {
            int type = m.getShort(off) & 0xFFFF;
            int length = m.getShort(off + 2) & 0xFFFF;
            if (off + 4 + length > end || length < 8 || m.get(off + 5) != 1) {
                off += 4 + ((length + 3) & ~3);
                continue;
            }
            int portField = m.getShort(off + 6) & 0xFFFF;
            byte[] ip = new byte[4];
            m.get(off + 8, ip);
            if (type == XOR_MAPPED_ADDRESS) {
                for (int i = 0; i < 4; i++) ip[i] ^= (byte) (MAGIC_COOKIE >>> (24 - 8 * i));
                return socketAddress(ip, portField ^ (MAGIC_COOKIE >>> 16));
            }
            if (type == MAPPED_ADDRESS) plain = socketAddress(ip, portField);
            off += 4 + ((length + 3) & ~3);
        }
        return plain;
    }

    private static InetSocketAddress socketAddress(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
