package io.callready.reflector.sip;

import io.callready.wire.sip.SipMessage;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SipEchoTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("203.0.113.7", 40123);

    private static byte[] request(String method, String extra) {
        return (method + " sip:probe@reflector.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKabc;rport\r\n"
                + "From: <sip:a@192.168.1.2>;tag=1\r\nTo: <sip:probe@reflector.test>\r\nCall-ID: x@y\r\n"
                + "CSeq: 1 " + method + "\r\n" + extra + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void optionsIsAnsweredWithTheRequestAsItArrivedAndTheSource() throws Exception {
        byte[] raw = request("OPTIONS", "");
        SipMessage r = SipMessage.parse(SipEcho.respond(raw, FROM).orElseThrow());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.first("Via").orElseThrow()).isEqualTo("SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKabc;rport=40123;received=203.0.113.7");
        assertThat(r.first(SipEcho.SOURCE)).contains("203.0.113.7:40123");
        assertThat(r.first(SipEcho.RECEIVED_BYTES)).contains(Integer.toString(raw.length));
        assertThat(SipEcho.decodeBody(r)).isEqualTo(new String(raw, StandardCharsets.UTF_8));
    }

    @Test
    void inviteIsRejectedCleanlyAndAckOrGarbageGetsNothing() throws Exception {
        SipMessage r = SipMessage.parse(SipEcho.respond(request("INVITE", ""), FROM).orElseThrow());
        assertThat(r.statusCode()).isEqualTo(488);
        assertThat(r.first("To").orElseThrow()).contains(";tag=");
        assertThat(SipEcho.respond(request("ACK", ""), FROM)).isEmpty();
        assertThat(SipEcho.respond("hello".getBytes(StandardCharsets.UTF_8), FROM)).isEmpty();
    }

    @Test
    void sizeOnlyEchoKeepsTheAnswerSmall() throws Exception {
        byte[] raw = request("OPTIONS", "X-CallReady-Echo: size\r\n");
        SipMessage r = SipMessage.parse(SipEcho.respond(raw, FROM).orElseThrow());
        assertThat(r.body()).isEmpty();
        assertThat(r.first(SipEcho.RECEIVED_BYTES)).contains(Integer.toString(raw.length));
    }

    @Test
    void aSizeOnlyOptionsCanAskForAPaddedAnswerUpToTheCap() throws Exception {
        InetSocketAddress from = new InetSocketAddress("198.51.100.7", 40000);
        for (int size : new int[]{1200, 1472, 1500, 2000, 4000}) {
            byte[] answer = SipEcho.respond(optionsAsking(Integer.toString(size), (size + 2) / 3), from).orElseThrow();
            assertThat(answer).as("answer to a request for %d bytes", size).hasSize(size);
            assertThat(SipMessage.parse(answer).statusCode()).isEqualTo(200);
        }
        assertThat(SipEcho.respond(optionsAsking("65000", 22_000), from).orElseThrow()).hasSize(SipEcho.MAX_REPLY_BYTES);
        assertThat(SipEcho.respond(optionsAsking("lots", 0), from).orElseThrow().length).isLessThan(600);
    }

    @Test
    void aPaddedAnswerIsNeverMoreThanThreeTimesTheRequest() throws Exception {
        InetSocketAddress from = new InetSocketAddress("198.51.100.7", 40000);
        byte[] small = optionsAsking("4000", 0);
        byte[] answer = SipEcho.respond(small, from).orElseThrow();
        assertThat(answer.length).as("answer to a %d-byte request asking for 4000", small.length)
                .isLessThanOrEqualTo(SipEcho.AMPLIFICATION_LIMIT * small.length);
        byte[] justEnough = optionsAsking("4000", 1334);
        assertThat(SipEcho.respond(justEnough, from).orElseThrow()).hasSize(4000);
        assertThat(SipEcho.respond(optionsAsking("4000", 1330), from).orElseThrow().length).isLessThan(4000);
    }

    /** A size-only OPTIONS asking for {@code replyBytes}, padded with a body to at least {@code atLeastBytes} on the wire. */
    private static byte[] optionsAsking(String replyBytes, int atLeastBytes) {
        String head = "OPTIONS sip:size-test@203.0.113.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.2:40000;branch=z9hG4bK1;rport\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:size-test@203.0.113.10>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n"
                + "X-CallReady-Echo: size\r\nX-CallReady-Reply-Bytes: " + replyBytes + "\r\n";
        int body = 0;
        while ((head + "Content-Length: " + body + "\r\n\r\n").length() + body < atLeastBytes) {
            body++;
        }
        return (head + "Content-Length: " + body + "\r\n\r\n" + "x".repeat(body)).getBytes(StandardCharsets.US_ASCII);
    }
}
