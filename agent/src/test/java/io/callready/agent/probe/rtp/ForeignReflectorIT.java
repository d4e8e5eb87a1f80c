package io.callready.agent.probe.rtp;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.stamp.StampReflector;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RTP burst probe pointed at something that answers, but is not a CallReady reflector: the result says it
 * answered, and what the answer looked like, instead of "no reply".
 */
class ForeignReflectorIT {
    private static final Duration BURST = Duration.ofMillis(400);

    /** A UDP peer on loopback that answers every datagram with {@code answer(datagram)}. */
    private static final class Peer implements AutoCloseable {
        private final DatagramChannel channel;
        private final Thread thread;

        Peer(UnaryOperator<byte[]> answer) throws Exception {
            channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            thread = Thread.ofPlatform().daemon(true).name("foreign-peer").start(() -> {
                ByteBuffer in = ByteBuffer.allocate(2048);
                try {
                    while (true) {
                        in.clear();
                        SocketAddress from = channel.receive(in);
                        byte[] bytes = new byte[in.flip().remaining()];
                        in.get(bytes);
                        channel.send(ByteBuffer.wrap(answer.apply(bytes)), from);
                    }
                } catch (Exception closed) {
                    // peer closed
                }
            });
        }

        int port() throws Exception {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws Exception {
            channel.close();
            thread.join(1000);
        }
    }

    private static ProbeResult probe(int port) {
        RtpBurstSpec spec = new RtpBurstSpec("foreign", Duration.ofMinutes(1), "127.0.0.1:" + port, Codec.PCMU, 20, BURST, 46);
        return new RtpBurstProbe().run(spec, ProbeContext.quiet("agent-foreign"));
    }

    private static ProbeResult against(UnaryOperator<byte[]> answer) throws Exception {
        try (Peer peer = new Peer(answer)) {
            return probe(peer.port());
        }
    }

    private static void assertAnsweredWith(ProbeResult r, String looksLike, String hexStart) {
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).as(r.reason())
                .contains("answered the 20 packets, but not as a CallReady reflector")
                .contains(looksLike)
                .contains("bytes starting with hex " + hexStart)
                .doesNotContain("no reply");
    }

    @Test
    void aSipServerIsRecognised() throws Exception {
        byte[] sip = "SIP/2.0 400 Bad Request\r\nVia: SIP/2.0/UDP x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ProbeResult r = against(request -> sip);
        assertAnsweredWith(r, "a SIP message (SIP/2.0 400 Bad Request)", "5349502f322e30");
        assertThat(r.reason()).contains(sip.length + " bytes");
    }

    @Test
    void anEchoServiceIsRecognised() throws Exception {
        ProbeResult r = against(request -> request);
        assertAnsweredWith(r, "our own request sent back unchanged (an RFC 862 echo service?)", "80");
        assertThat(r.reason()).contains("172 bytes");
    }

    @Test
    void aStampReflectorIsRecognised() throws Exception {
        try (StampReflector stamp = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                StampReflectorMode.STATELESS))) {
            ProbeResult r = probe(stamp.localAddress().getPort());
            assertAnsweredWith(r, "a STAMP reply (RFC 8762)", "");
        }
    }

    @Test
    void rtpFromAnotherStreamIsRecognised() throws Exception {
        byte[] rtp = ByteBuffer.allocate(172).put((byte) 0x80).put((byte) 8).putShort((short) 7).putInt(160).putInt(0x1234ABCD).array();
        ProbeResult r = against(request -> rtp);
        assertAnsweredWith(r, "RTP from another stream (SSRC 0x1234abcd, payload type 8)", "80080007");
    }

    @Test
    void anythingElseIsShownAsHex() throws Exception {
        ProbeResult r = against(request -> new byte[]{0x01, 0x02, (byte) 0xFF});
        assertAnsweredWith(r, "not RTP, 3 bytes", "0102ff");
    }
}
