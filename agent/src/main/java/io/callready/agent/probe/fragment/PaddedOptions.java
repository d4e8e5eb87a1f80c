package io.callready.agent.probe.fragment;

import io.callready.agent.probe.sip.SipRequests;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipMessage.Header;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** OPTIONS padded with a body to an exact size on the wire, asking the reflector to answer with the size only; or small, asking for a large answer. */
final class PaddedOptions {
    private PaddedOptions() {
    }

    /** The reflector answers at most this many times the bytes it received (the QUIC anti-amplification factor). */
    static final int REFLECTOR_AMPLIFICATION_LIMIT = 3;

    static byte[] build(String requestUri, InetSocketAddress local, int size) {
        return padded(requestUri, local, size, List.of());
    }

    private static byte[] padded(String requestUri, InetSocketAddress local, int size, List<Header> more) {
        List<Header> extra = new ArrayList<>(List.of(new Header("X-CallReady-Echo", "size"), new Header("Content-Type", "text/plain")));
        extra.addAll(more);
        int headerBytes = SipRequests.options(requestUri, SipTransport.UDP, local, extra, new byte[0]).encode().length;
        int body = size - headerBytes;
        // Content-Length grows by as many digits as the body size has, minus the one digit of "0"
        body -= Integer.toString(Math.max(0, body)).length() - 1;
        if (body < 0) {
            throw new IllegalArgumentException("size " + size + " is smaller than the bare request (" + headerBytes + " bytes)");
        }
        byte[] padding = new byte[body];
        Arrays.fill(padding, (byte) 'x');
        SipMessage m = SipRequests.options(requestUri, SipTransport.UDP, local, extra, padding);
        byte[] wire = m.encode();
        if (wire.length != size) {
            // one more digit boundary case (e.g. 999 → 1000): trim one byte of padding
            m = SipRequests.options(requestUri, SipTransport.UDP, local, extra, Arrays.copyOf(padding, body - (wire.length - size)));
            wire = m.encode();
        }
        return wire;
    }

    /**
     * An OPTIONS asking the reflector to answer padded to {@code replyBytes}: large messages towards the site. The
     * request itself is padded to a third of that (the reflector answers no more than three times what it received,
     * so a spoofed request cannot make it a traffic amplifier), which still fits one packet on any usual path.
     */
    static byte[] askingForReply(String requestUri, InetSocketAddress local, int replyBytes) {
        List<Header> ask = List.of(new Header("X-CallReady-Reply-Bytes", Integer.toString(replyBytes)));
        int bare = SipRequests.options(requestUri, SipTransport.UDP, local,
                List.of(new Header("X-CallReady-Echo", "size"), new Header("Content-Type", "text/plain"), ask.getFirst()),
                new byte[0]).encode().length;
        int third = (replyBytes + REFLECTOR_AMPLIFICATION_LIMIT - 1) / REFLECTOR_AMPLIFICATION_LIMIT;
        return padded(requestUri, local, Math.max(bare, third), ask);
    }
}
