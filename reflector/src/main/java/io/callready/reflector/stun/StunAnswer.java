package io.callready.reflector.stun;

import io.callready.reflector.stun.StunCodec.Attribute;
import io.callready.reflector.stun.StunCodec.Message;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the STUN server answers to one datagram, decided without I/O: which of its sockets sends, to where, and the
 * bytes. The server has one address (RFC 8489 Binding) or, with an alternate address, the four RFC 5780 sockets
 * IP1:P1, IP1:P2, IP2:P1, IP2:P2 (index = ipIndex * 2 + portIndex).
 *
 * <p>Amplification is bounded: only Binding requests are answered, a success reply is 76 bytes (IPv6: 124), an error reply smaller than the request that caused it plus 44, and it
 * goes to the request's source address or, with RESPONSE-PORT, to another port of the same source IP.
 */
public final class StunAnswer {
    /** Attributes this server understands; any other comprehension-required one gets 420 (RFC 8489 §6.3.1). */
    private static final Set<Integer> UNDERSTOOD = Set.of(StunCodec.MAPPED_ADDRESS, StunCodec.CHANGE_REQUEST,
            StunCodec.XOR_MAPPED_ADDRESS, StunCodec.RESPONSE_PORT,
            0x0006 /* USERNAME: no authentication here, so it is read and ignored */,
            0x0008 /* MESSAGE-INTEGRITY: likewise */,
            0x0024 /* PRIORITY (ICE connectivity checks) */, 0x0025 /* USE-CANDIDATE */);
    private static final int CHANGE_IP = 0x4;
    private static final int CHANGE_PORT = 0x2;

    /** The reply: sent from socket {@code fromSocket} to {@code to}. */
    public record Reply(int fromSocket, InetSocketAddress to, byte[] datagram) {
    }

    private StunAnswer() {
    }

    /**
     * @param sockets    the server's socket addresses: one, or four in RFC 5780 order (see class comment)
     * @param receivedOn index of the socket the request arrived on
     */
    public static Optional<Reply> answer(byte[] datagram, int length, InetSocketAddress source, List<InetSocketAddress> sockets,
                                         int receivedOn) {
        Optional<Message> parsed = StunCodec.parse(datagram, length);
        if (parsed.isEmpty() || parsed.get().type() != StunCodec.BINDING_REQUEST) return Optional.empty();
        Message request = parsed.get();
        boolean rfc5780 = sockets.size() == 4;
        List<Integer> unknown = new ArrayList<>();
        for (Attribute a : request.attributes()) {
            boolean changeWithoutAlternate = a.type() == StunCodec.CHANGE_REQUEST && !rfc5780;
            if (a.comprehensionRequired() && (!UNDERSTOOD.contains(a.type()) || changeWithoutAlternate) && !unknown.contains(a.type())) {
                unknown.add(a.type());
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of(error(request, source, receivedOn, 420, "Unknown Attribute", unknown));
        }
        int change = 0;
        Optional<Attribute> changeRequest = request.first(StunCodec.CHANGE_REQUEST);
        if (changeRequest.isPresent()) {
            if (changeRequest.get().value().length != 4) return Optional.of(error(request, source, receivedOn, 400, "Bad Request", List.of()));
            change = ByteBuffer.wrap(changeRequest.get().value()).getInt() & (CHANGE_IP | CHANGE_PORT);
        }
        InetSocketAddress to = source;
        Optional<Attribute> responsePort = request.first(StunCodec.RESPONSE_PORT);
        if (responsePort.isPresent()) {
            byte[] v = responsePort.get().value();
            int port = v.length == 4 ? ((v[0] & 0xFF) << 8) | (v[1] & 0xFF) : 0;
            if (port == 0) return Optional.of(error(request, source, receivedOn, 400, "Bad Request", List.of()));
            to = new InetSocketAddress(source.getAddress(), port);
        }
        int from = rfc5780 ? receivedOn ^ ((change & CHANGE_IP) != 0 ? 2 : 0) ^ ((change & CHANGE_PORT) != 0 ? 1 : 0) : receivedOn;
        List<Attribute> attributes = new ArrayList<>(4);
        attributes.add(new Attribute(StunCodec.XOR_MAPPED_ADDRESS, StunCodec.xorAddress(source, request.transactionId())));
        attributes.add(new Attribute(StunCodec.MAPPED_ADDRESS, StunCodec.address(source)));
        attributes.add(new Attribute(StunCodec.RESPONSE_ORIGIN, StunCodec.address(sockets.get(from))));
        if (rfc5780) {
            attributes.add(new Attribute(StunCodec.OTHER_ADDRESS, StunCodec.address(sockets.get(receivedOn ^ 3))));
        }
        return Optional.of(new Reply(from, to, StunCodec.write(StunCodec.BINDING_SUCCESS, request.transactionId(), attributes)));
    }

    /** Errors always go back to the source, from the socket that received the request. */
    private static Reply error(Message request, InetSocketAddress source, int receivedOn, int code, String reason, List<Integer> unknown) {
        List<Attribute> attributes = new ArrayList<>(2);
        attributes.add(new Attribute(StunCodec.ERROR_CODE, StunCodec.errorCode(code, reason)));
        if (!unknown.isEmpty()) attributes.add(new Attribute(StunCodec.UNKNOWN_ATTRIBUTES, StunCodec.unknownAttributes(unknown)));
        return new Reply(receivedOn, source, StunCodec.write(StunCodec.BINDING_ERROR, request.transactionId(), attributes));
    }
}
