package io.callready.agent.probe.fragment;

import io.callready.agent.probe.sip.SipRequests;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipMessage.Header;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/** OPTIONS padded with a body to an exact size on the wire, asking the reflector to answer with the size only; or small, asking for a large answer. */
final class PaddedOptions {
    private PaddedOptions() {
    }

    static byte[] build(String requestUri, InetSocketAddress local, int size) {
        List<Header> extra = List.of(new Header("X-CallReady-Echo", "size"), new Header("Content-Type", "text/plain"));
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

    /** A bare OPTIONS asking the reflector to answer padded to {@code replyBytes}: large messages towards the site. */
    static byte[] askingForReply(String requestUri, InetSocketAddress local, int replyBytes) {
        List<Header> extra = List.of(new Header("X-CallReady-Echo", "size"),
                new Header("X-CallReady-Reply-Bytes", Integer.toString(replyBytes)));
        return SipRequests.options(requestUri, SipTransport.UDP, local, extra, new byte[0]).encode();
    }
}
