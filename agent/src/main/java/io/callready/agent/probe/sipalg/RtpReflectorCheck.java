package io.callready.agent.probe.sipalg;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a CallReady reflector's RTP side answers on a port where SIP got no answer: the usual mistake of giving the
 * RTP port (5004) as the SIP port, which must not read as an ALG that drops SIP.
 */
final class RtpReflectorCheck {
    private RtpReflectorCheck() {
    }

    static boolean answersRtpProbe(InetSocketAddress to, Duration timeout) {
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 65536);
            channel.connect(to).configureBlocking(false).register(selector, SelectionKey.OP_READ);
            ByteBuffer out = ByteBuffer.allocate(64);
            RtpHeader header = new RtpHeader(true, 0, ThreadLocalRandom.current().nextInt(65536), 0, ThreadLocalRandom.current().nextLong(1L << 32));
            ProbePacket.encodeRequest(out, header, ProbePacket.MIN_PAYLOAD, 0);
            channel.write(out.flip());
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer in = ByteBuffer.allocate(2048);
            while (System.nanoTime() < deadline) {
                if (selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)) == 0) continue;
                selector.selectedKeys().clear();
                in.clear();
                if (channel.read(in) <= 0) continue;
                try {
                    if (ProbePacket.decode(in.flip()) instanceof ProbePacket.Reply) return true;
                } catch (MalformedPacketException notOurs) {
                    // something else answered; keep waiting for a probe reply
                }
            }
            return false;
        } catch (IOException e) {
            // port unreachable or no route: not a reflector
            return false;
        }
    }
}
