package io.callready.collector.reflector;

import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import static org.assertj.core.api.Assertions.assertThat;

/** %test enables the embedded reflector on 127.0.0.1, port 0. */
@QuarkusTest
class EmbeddedReflectorIT {
    @Inject
    EmbeddedReflector reflector;

    @Test
    void answersAProbeRequest() throws Exception {
        InetSocketAddress address = reflector.localAddress().orElseThrow();
        assertThat(address.getPort()).isPositive();
        try (DatagramChannel client = DatagramChannel.open().connect(address);
             Selector selector = Selector.open()) {
            ByteBuffer request = ByteBuffer.allocate(512);
            int length = ProbePacket.encodeRequest(request, new RtpHeader(true, Codec.PCMU.payloadType(), 1, 160, 0xCA11),
                    ProbePacket.payloadSize(Codec.PCMU, 20), 46);
            client.write(request.flip());

            client.configureBlocking(false).register(selector, SelectionKey.OP_READ);
            assertThat(selector.select(2000)).as("a reply within 2 s").isEqualTo(1);
            ByteBuffer reply = ByteBuffer.allocate(2048);
            client.read(reply);
            assertThat(reply.position()).isEqualTo(length);

            var decoded = (ProbePacket.Reply) ProbePacket.decode(reply.flip());
            assertThat(decoded.header().ssrc()).isEqualTo(0xCA11);
            assertThat(decoded.header().sequence()).isEqualTo(1);
            assertThat(decoded.replyIndex()).isEqualTo(1);
        }
    }
}
