package io.callready.agent.probe.nat;

import org.ice4j.StunException;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.MappedAddressAttribute;
import org.ice4j.attribute.OptionalAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.stack.TransactionID;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * STUN Binding transactions over one UDP socket, built from ice4j's message and attribute classes. ice4j has no
 * classes for RFC 5780's RESPONSE-ORIGIN, OTHER-ADDRESS and RESPONSE-PORT: they are read and written here.
 * Retransmits like RFC 8489 §6.2.1 (each wait twice the previous) within one overall timeout.
 */
public final class StunExchange {
    static final char RESPONSE_PORT = 0x0027;
    static final char RESPONSE_ORIGIN = 0x802B;
    static final char OTHER_ADDRESS = 0x802C;
    private static final int TRANSMISSIONS = 3;
    private static final int MAX_DATAGRAM = 1500;

    private final IceUdpSocketWrapper socket;

    public StunExchange(IceUdpSocketWrapper socket) {
        this.socket = socket;
    }

    /** A Binding request; {@code responsePort} 0 for none. */
    public static byte[] bindingRequest(byte[] transactionId, boolean changeIp, boolean changePort, int responsePort) {
        try {
            Request request = MessageFactory.createBindingRequest();
            request.setTransactionID(transactionId);
            if (changeIp || changePort) {
                request.putAttribute(AttributeFactory.createChangeRequestAttribute(changeIp, changePort));
            }
            if (responsePort != 0) {
                request.putAttribute(new Rfc5780Attribute(RESPONSE_PORT, new byte[]{(byte) (responsePort >> 8), (byte) responsePort, 0, 0}));
            }
            return request.encode(null);
        } catch (StunException e) {
            throw new IllegalStateException("a 12-byte transaction id is always valid", e);
        }
    }

    /** The local address the kernel's routing table picks towards the server: bind to it, so "no NAT" compares like with like. */
    public static InetAddress routeSource(InetSocketAddress server) throws IOException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
            probe.connect(server);
            return probe.getLocalAddress();
        }
    }

    public static byte[] newTransactionId() {
        return TransactionID.createNewTransactionID().getBytes();
    }

    /**
     * Sends a Binding request to {@code server} and waits up to {@code timeoutNanos} for the answer with the same
     * transaction id, from any source (a CHANGE-REQUEST answer comes from another address). Empty on no answer.
     */
    public Optional<BindingReply> binding(InetSocketAddress server, boolean changeIp, boolean changePort, int responsePort,
                                          long timeoutNanos) throws IOException {
        byte[] tid = newTransactionId();
        byte[] request = bindingRequest(tid, changeIp, changePort, responsePort);
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        long wait = timeoutNanos / ((1L << TRANSMISSIONS) - 1);
        for (int i = 0; i < TRANSMISSIONS && System.nanoTime() < deadline; i++, wait *= 2) {
            socket.send(new DatagramPacket(request, request.length, server));
            Optional<BindingReply> reply = await(tid, start, Math.min(deadline, System.nanoTime() + wait));
            if (reply.isPresent()) return reply;
        }
        return Optional.empty();
    }

    /** Waits until {@code deadlineNanos} for a STUN message with {@code tid}; other datagrams are skipped. */
    public Optional<BindingReply> await(byte[] tid, long startNanos, long deadlineNanos) throws IOException {
        DatagramPacket in = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return Optional.empty();
            socket.getUDPSocket().setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            long arrived = System.nanoTime();
            Optional<Message> message = decode(in.getData(), in.getLength());
            if (message.isPresent() && Arrays.equals(message.get().getTransactionID(), tid)) {
                return Optional.of(reply(message.get(), (InetSocketAddress) in.getSocketAddress(), arrived - startNanos));
            }
        }
    }

    /** True when a datagram with this transaction id arrives before the deadline (the hairpinning test's own request). */
    public boolean receivesOwn(byte[] tid, long deadlineNanos) throws IOException {
        DatagramPacket in = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return false;
            socket.getUDPSocket().setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return false;
            }
            Optional<Message> m = decode(in.getData(), in.getLength());
            if (m.isPresent() && Arrays.equals(m.get().getTransactionID(), tid)) return true;
        }
    }

    private static Optional<Message> decode(byte[] data, int length) {
        try {
            return Optional.of(Message.decode(data, 0, length));
        } catch (StunException | RuntimeException e) {
            return Optional.empty(); // not STUN, or STUN ice4j cannot read: neither is our answer
        }
    }

    static BindingReply reply(Message m, InetSocketAddress from, long rttNanos) {
        Optional<InetSocketAddress> xor = Optional.ofNullable((XorMappedAddressAttribute) m.getAttribute(Attribute.XOR_MAPPED_ADDRESS))
                .map(a -> socketAddress(a.getAddress(m.getTransactionID())));
        Optional<InetSocketAddress> mapped = Optional.ofNullable((MappedAddressAttribute) m.getAttribute(Attribute.MAPPED_ADDRESS))
                .map(a -> socketAddress(a.getAddress()));
        ErrorCodeAttribute error = (ErrorCodeAttribute) m.getAttribute(Attribute.ERROR_CODE);
        int code = error == null ? (Message.isErrorResponseType(m.getMessageType()) ? 400 : 0) : error.getErrorCode();
        return new BindingReply(from, xor, mapped, rfc5780Address(m, RESPONSE_ORIGIN), rfc5780Address(m, OTHER_ADDRESS), code, rttNanos);
    }

    private static InetSocketAddress socketAddress(TransportAddress a) {
        return new InetSocketAddress(a.getAddress(), a.getPort());
    }

    /** RESPONSE-ORIGIN / OTHER-ADDRESS share MAPPED-ADDRESS's layout (RFC 5780 §7.3, §7.4); ice4j leaves them raw. */
    static Optional<InetSocketAddress> rfc5780Address(Message m, char type) {
        if (!(m.getAttribute(type) instanceof OptionalAttribute raw)) return Optional.empty();
        return decodeAddress(raw.getBody());
    }

    static Optional<InetSocketAddress> decodeAddress(byte[] v) {
        int ipBytes = v.length == 8 && v[1] == 1 ? 4 : v.length == 20 && v[1] == 2 ? 16 : 0;
        if (ipBytes == 0) return Optional.empty();
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(v, 4, 4 + ipBytes)),
                    ((v[2] & 0xFF) << 8) | (v[3] & 0xFF)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An attribute ice4j has no class for, written with ice4j's generic attribute body. */
    private static final class Rfc5780Attribute extends OptionalAttribute {
        Rfc5780Attribute(char type, byte[] body) {
            super(type);
            setBody(body, 0, body.length);
        }
    }
}
