package io.callready.reflector.sip;

import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipMessage.Header;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SIP echo protocol between agent and reflector. The response to a request carries what the reflector saw:
 * {@value #SOURCE} (source address:port), {@value #RECEIVED_BYTES} (size as it arrived) and, unless the request
 * asked for {@value #ECHO}{@code : size}, the request exactly as it arrived, base64 in the body (base64 so a
 * SIP ALG on the way back cannot rewrite the evidence). A size-only OPTIONS may ask with {@value #REPLY_BYTES} for an
 * answer padded to that many bytes (at most {@value #MAX_REPLY_BYTES}, and at most {@value #AMPLIFICATION_LIMIT} times the
 * request's own size, so a spoofed request cannot turn the reflector into an amplifier), to test large messages
 * towards the site.
 * OPTIONS is answered 200; an INVITE (the ALG test request) is rejected with 488 so no call is ever set up.
 */
public final class SipEcho {
    public static final String SOURCE = "X-CallReady-Source";
    public static final String RECEIVED_BYTES = "X-CallReady-Received-Bytes";
    public static final String ECHO = "X-CallReady-Echo";
    public static final String CONTENT_TYPE = "application/x-callready-echo";
    /** Asks for an answer padded to this many bytes, to test large messages towards the site. */
    public static final String REPLY_BYTES = "X-CallReady-Reply-Bytes";
    /** Largest padded answer: the fragmentation ladder's top, and a bound on how much a spoofed request can amplify. */
    public static final int MAX_REPLY_BYTES = 4000;
    /** A padded answer is at most this many times the request it answers (QUIC's anti-amplification factor, RFC 9000 §8). */
    public static final int AMPLIFICATION_LIMIT = 3;

    private SipEcho() {
    }

    /** The response to send, or empty when none is due (ACK, responses, garbage). */
    public static Optional<byte[]> respond(byte[] raw, InetSocketAddress source) {
        SipMessage request;
        try {
            request = SipMessage.parse(raw);
        } catch (MalformedSipException e) {
            return Optional.empty();
        }
        if (request.isResponse() || request.method().equals("ACK")) {
            return Optional.empty();
        }
        String status = switch (request.method()) {
            case "OPTIONS" -> "200 OK";
            case "INVITE" -> "488 Not Acceptable Here (CallReady test request, never a call)";
            default -> "501 Not Implemented";
        };
        boolean sizeOnly = request.first(ECHO).map(v -> v.trim().toLowerCase(Locale.ROOT).equals("size")).orElse(false);
        String sourceText = hostPort(source);
        List<Header> h = new ArrayList<>();
        List<String> vias = request.all("Via");
        for (int i = 0; i < vias.size(); i++) {
            h.add(new Header("Via", i == 0 ? stampVia(vias.get(i), source) : vias.get(i)));
        }
        request.first("From").ifPresent(v -> h.add(new Header("From", v)));
        request.first("To").ifPresent(v -> h.add(new Header("To", v.contains(";tag=") ? v : v + ";tag=callready")));
        request.first("Call-ID").ifPresent(v -> h.add(new Header("Call-ID", v)));
        request.first("CSeq").ifPresent(v -> h.add(new Header("CSeq", v)));
        h.add(new Header("Server", "CallReady-reflector"));
        h.add(new Header(SOURCE, sourceText));
        h.add(new Header(RECEIVED_BYTES, Integer.toString(raw.length)));
        byte[] body = new byte[0];
        if (!sizeOnly) {
            body = Base64.getEncoder().encode(raw);
            h.add(new Header("Content-Type", CONTENT_TYPE));
        }
        int replyBytes = sizeOnly && request.method().equals("OPTIONS") ? requestedReplyBytes(request, raw.length) : 0;
        if (replyBytes > 0) {
            h.add(new Header("Content-Type", "text/plain"));
            return Optional.of(padded("SIP/2.0 " + status, h, replyBytes));
        }
        h.add(new Header("Content-Length", Integer.toString(body.length)));
        return Optional.of(new SipMessage("SIP/2.0 " + status, h, body).encode());
    }

    /** What the request asks for, within the caps; a request asking for more than its share gets an unpadded answer. */
    private static int requestedReplyBytes(SipMessage request, int receivedBytes) {
        try {
            int n = request.first(REPLY_BYTES).map(String::trim).map(Integer::parseInt).orElse(0);
            return n > (long) AMPLIFICATION_LIMIT * receivedBytes ? 0 : Math.clamp(n, 0, MAX_REPLY_BYTES);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The answer padded to {@code size} bytes (or as close above as the bare headers allow). */
    static byte[] padded(String startLine, List<Header> headers, int size) {
        int body = 0;
        byte[] wire = null;
        // Content-Length's digits change with the body size: converge in a few steps
        for (int i = 0; i < 4; i++) {
            List<Header> h = new ArrayList<>(headers);
            h.add(new Header("Content-Length", Integer.toString(body)));
            byte[] padding = new byte[body];
            Arrays.fill(padding, (byte) 'x');
            wire = new SipMessage(startLine, h, padding).encode();
            if (wire.length == size) break;
            body = Math.max(0, body + size - wire.length);
        }
        return wire;
    }

    /** RFC 3261 §18.2.1 and RFC 3581: always add received, and fill an empty rport, so the agent sees its public side. */
    static String stampVia(String via, InetSocketAddress source) {
        List<String> kept = new ArrayList<>();
        for (String part : via.split(";", -1)) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("received=")) continue;
            kept.add(p.equalsIgnoreCase("rport") ? "rport=" + source.getPort() : part);
        }
        return String.join(";", kept) + ";received=" + source.getAddress().getHostAddress();
    }

    static String hostPort(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    public static String decodeBody(SipMessage response) {
        return new String(Base64.getDecoder().decode(response.body()), StandardCharsets.UTF_8);
    }
}
