package io.callready.agent.probe.sipalg;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.sip.SipMessage;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real reflector SIP responder on loopback: nothing rewrites, so the verdict must be no ALG. */
class SipAlgProbeIT {
    @Test
    void cleanLoopbackPathIsNoAlg() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0, 0), List.of(0)))) {
            int port = responder.udpPorts().get(0);
            int alt = responder.udpPorts().get(1);
            // TCP must share the UDP port numbers; bind a second responder on them
            try (SipResponder tcp = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(), List.of(port, alt)))) {
                ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("alg", null, "127.0.0.1", port, alt, List.of(), Duration.ofSeconds(2)),
                        ProbeContext.quiet("it"));
                assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
                assertThat(r.labels()).containsEntry("verdict", "no_alg");
                assertThat(r.details().path("legs")).hasSize(4).allSatisfy(leg -> {
                    assertThat(leg.path("answered").asBoolean()).isTrue();
                    assertThat(leg.path("rewrites")).isEmpty();
                });
                assertThat(r.metrics()).containsEntry("sip_alg_rewrites_count", 0.0);
            }
        }
    }

    @Test
    void udpAndTcpRewrittenOnTheStandardPortNeverAdviseTcp() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0), List.of()))) {
            int alt = responder.udpPorts().get(0);
            try (SipResponder tcp = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(), List.of(alt)));
                 RewritingSipRelay alg = new RewritingSipRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), alt),
                         new InetSocketAddress(InetAddress.getLoopbackAddress(), alt))) {
                ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("alg", null, "127.0.0.1", alg.port(), alt, List.of(), Duration.ofSeconds(2)),
                        ProbeContext.quiet("it"));
                assertThat(r.labels()).as(r.reason()).containsEntry("verdict", "alg_5060_only");
                assertThat(r.reason()).contains("udp/" + alg.port() + ": ").contains("tcp/" + alg.port() + ": ").contains("Contact")
                        .contains("untouched: udp/" + alt + ", tcp/" + alt);
                String workaround = r.details().path("remediation").get(r.details().path("remediation").size() - 1).asText();
                assertThat(workaround).contains("udp/" + alt + " or tcp/" + alt).doesNotContain("tcp/" + alg.port())
                        .doesNotContain("leaves alone");
            }
        }
    }

    @Test
    void theRtpPortGivenAsTheSipPortIsRecognisedNotReadAsAnAlg() throws Exception {
        try (Reflector rtp = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             SipResponder sip = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0), List.of()))) {
            int rtpPort = rtp.localAddress().getPort();
            ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("alg", null, "127.0.0.1", rtpPort, sip.udpPorts().getFirst(), List.of(),
                    Duration.ofSeconds(1)), ProbeContext.quiet("it"));
            assertThat(r.labels()).containsEntry("verdict", "indeterminate");
            assertThat(r.reason()).contains("127.0.0.1:" + rtpPort + " is a CallReady reflector's RTP port").doesNotContain("ALG or firewall");
            assertThat(r.details().path("remediation")).isEmpty();
        }
    }

    @Test
    void aRealSipServerIsNamedAsSuchNotAsAnUnreachableReflector() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            Thread answering = Thread.ofPlatform().daemon().start(() -> answerLikeAPlainSipServer(server));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("alg", null, "127.0.0.1", port, port + 1 == 65536 ? port - 1 : port + 1,
                    List.of(), Duration.ofSeconds(1)), ProbeContext.quiet("it"));
            assertThat(r.labels()).containsEntry("verdict", "indeterminate");
            assertThat(r.reason()).contains("a SIP server answered on udp/" + port).contains("not a CallReady reflector")
                    .doesNotContain("unreachable");
            assertThat(r.details().path("remediation")).isEmpty();
            answering.interrupt();
        }
    }

    /** Answers every request 200 OK with its own dialog headers, as a PBX does, and no echo. */
    private static void answerLikeAPlainSipServer(DatagramChannel server) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = server.receive(buf);
                SipMessage request = SipMessage.parse(java.util.Arrays.copyOf(buf.array(), buf.position()));
                List<SipMessage.Header> h = new ArrayList<>();
                for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
                    request.first(name).ifPresent(v -> h.add(new SipMessage.Header(name, v)));
                }
                h.add(new SipMessage.Header("Content-Length", "0"));
                server.send(ByteBuffer.wrap(new SipMessage("SIP/2.0 200 OK", h, new byte[0]).encode()), from);
            }
        } catch (Exception closed) {
            // the test closed the socket
        }
    }
}
