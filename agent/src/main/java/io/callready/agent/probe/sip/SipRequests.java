package io.callready.agent.probe.sip;

import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipMessage.Header;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Builds the requests the agent sends (RFC 3261 §8.1.1): a fresh branch, tag and Call-ID each time. */
public final class SipRequests {
    public static final String USER_AGENT = "CallReady-agent";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SipRequests() {
    }

    public static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** Via transport token: RFC 3261 spells TLS as TLS and the others in upper case. */
    public static String viaTransport(SipTransport t) {
        return t.wireName().toUpperCase(Locale.ROOT);
    }

    /**
     * OPTIONS with an empty {@code rport} so the server reports the source address and port it saw (RFC 3581).
     *
     * @param requestUri e.g. {@code sip:example.com}
     * @param local      our address as the socket sees it
     * @param extra      further headers (e.g. padding for the fragmentation test)
     * @param body       body bytes, may be empty
     */
    public static SipMessage options(String requestUri, SipTransport transport, InetSocketAddress local, List<Header> extra, byte[] body) {
        String me = hostPort(local);
        List<Header> h = new ArrayList<>();
        h.add(new Header("Via", "SIP/2.0/" + viaTransport(transport) + " " + me + ";branch=z9hG4bK" + token() + ";rport"));
        h.add(new Header("Max-Forwards", "70"));
        h.add(new Header("From", "<sip:callready@" + me + ">;tag=" + token()));
        h.add(new Header("To", "<" + requestUri + ">"));
        h.add(new Header("Call-ID", token() + "@callready"));
        h.add(new Header("CSeq", "1 OPTIONS"));
        h.add(new Header("User-Agent", USER_AGENT));
        h.add(new Header("Accept", "application/sdp"));
        h.addAll(extra);
        h.add(new Header("Content-Length", Integer.toString(body.length)));
        return new SipMessage("OPTIONS " + requestUri + " SIP/2.0", h, body);
    }

    public static SipMessage options(String requestUri, SipTransport transport, InetSocketAddress local) {
        return options(requestUri, transport, local, List.of(), new byte[0]);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
