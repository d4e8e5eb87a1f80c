package io.callready.agent.probe.sipalg;

import io.callready.agent.probe.sip.SipRequests;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipMessage.Header;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An INVITE-shaped request carrying the site's own (private) address everywhere an ALG looks: Via sent-by,
 * Contact, From, and an SDP offer's c=, o= and m= lines. ALGs rewrite exactly the address that matches the
 * packet's source, so the agent's real local address is used, not a made-up one.
 */
public final class AlgTestRequest {
    /** RTP port announced in the SDP offer; nothing listens there and no media is ever sent. */
    public static final int SDP_AUDIO_PORT = 40_000;

    private AlgTestRequest() {
    }

    public static SipMessage build(SipTransport transport, InetSocketAddress local, String reflectorHostPort) {
        String me = SipRequests.hostPort(local);
        String ip = local.getAddress().getHostAddress();
        String ipVersion = ip.indexOf(':') >= 0 ? "IP6" : "IP4";
        String sdp = "v=0\r\n"
                + "o=callready 1 1 IN " + ipVersion + " " + ip + "\r\n"
                + "s=CallReady ALG test\r\n"
                + "c=IN " + ipVersion + " " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + SDP_AUDIO_PORT + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\n";
        byte[] body = sdp.getBytes(StandardCharsets.UTF_8);
        String uri = "sip:alg-test@" + reflectorHostPort;
        List<Header> h = List.of(
                new Header("Via", "SIP/2.0/" + SipRequests.viaTransport(transport) + " " + me + ";branch=z9hG4bK" + SipRequests.token() + ";rport"),
                new Header("Max-Forwards", "70"),
                new Header("From", "<sip:alg-test@" + me + ">;tag=" + SipRequests.token()),
                new Header("To", "<" + uri + ">"),
                new Header("Call-ID", SipRequests.token() + "@" + ip),
                new Header("CSeq", "1 INVITE"),
                new Header("Contact", "<sip:alg-test@" + me + ">"),
                new Header("User-Agent", SipRequests.USER_AGENT),
                new Header("Content-Type", "application/sdp"),
                new Header("Content-Length", Integer.toString(body.length)));
        return new SipMessage("INVITE " + uri + " SIP/2.0", h, body);
    }
}
