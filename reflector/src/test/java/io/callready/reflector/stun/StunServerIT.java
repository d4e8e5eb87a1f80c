package io.callready.reflector.stun;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The four RFC 5780 sockets on 127.0.0.1 and 127.0.0.2 (both loopback on Linux), ephemeral ports. */
class StunServerIT {
    private static final InetSocketAddress IP1 = new InetSocketAddress("127.0.0.1", 0);
    private static final InetSocketAddress IP2 = new InetSocketAddress("127.0.0.2", 0);

    private static byte[] request(byte[] tid, StunCodec.Attribute... attributes) {
        return StunCodec.write(StunCodec.BINDING_REQUEST, tid, List.of(attributes));
    }

    private static Optional<DatagramPacket> receive(DatagramSocket s, int timeoutMs) throws Exception {
        s.setSoTimeout(timeoutMs);
        DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
        try {
            s.receive(in);
            return Optional.of(in);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    @Test
    void changeRequestsAnswerFromTheOtherSocketsAndResponsePortReachesAnotherPort() throws Exception {
        try (StunServer server = StunServer.start(new StunServerSettings(IP1, Optional.of(IP2)));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            List<InetSocketAddress> a = server.addresses();
            assertThat(a).hasSize(4);
            assertThat(a.get(0).getPort()).isEqualTo(a.get(2).getPort());
            assertThat(a.get(1).getPort()).isEqualTo(a.get(3).getPort());
            int[][] flagsToSocket = {{0, 0}, {2, 1}, {4, 2}, {6, 3}};
            for (int[] c : flagsToSocket) {
                byte[] tid = new byte[12];
                tid[0] = (byte) c[0];
                byte[] req = request(tid, new StunCodec.Attribute(StunCodec.CHANGE_REQUEST, ByteBuffer.allocate(4).putInt(c[0]).array()));
                client.send(new DatagramPacket(req, req.length, a.getFirst()));
                DatagramPacket in = receive(client, 10_000).orElseThrow();
                assertThat(in.getSocketAddress()).as("flags %d", c[0]).isEqualTo(a.get(c[1]));
                StunCodec.Message m = StunCodec.parse(in.getData(), in.getLength()).orElseThrow();
                assertThat(StunCodec.readAddress(m.first(StunCodec.XOR_MAPPED_ADDRESS).orElseThrow().value(), tid))
                        .contains((InetSocketAddress) client.getLocalSocketAddress());
            }
            byte[] tid = new byte[12];
            tid[0] = 42;
            byte[] req = request(tid, new StunCodec.Attribute(StunCodec.RESPONSE_PORT,
                    new byte[]{(byte) (other.getLocalPort() >> 8), (byte) other.getLocalPort(), 0, 0}));
            client.send(new DatagramPacket(req, req.length, a.getFirst()));
            DatagramPacket in = receive(other, 10_000).orElseThrow();
            StunCodec.Message m = StunCodec.parse(in.getData(), in.getLength()).orElseThrow();
            assertThat(StunCodec.readAddress(m.first(StunCodec.XOR_MAPPED_ADDRESS).orElseThrow().value(), tid))
                    .as("the answer names the requester's address").contains((InetSocketAddress) client.getLocalSocketAddress());
            assertThat(receive(client, 200)).as("and goes only to the response port").isEmpty();

            byte[] garbage = "not stun at all, and longer than a STUN header".getBytes();
            client.send(new DatagramPacket(garbage, garbage.length, a.getFirst()));
            assertThat(receive(client, 300)).isEmpty();
            long until = System.nanoTime() + 1_000_000_000L;
            while (server.ignored() < 1 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(server.answered()).isEqualTo(5);
            assertThat(server.ignored()).isEqualTo(1);
        }
    }

    @Test
    void withoutAnAlternateAChangeRequestIsAnUnknownAttribute() throws Exception {
        try (StunServer server = StunServer.start(new StunServerSettings(IP1, Optional.empty()));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertThat(server.addresses()).hasSize(1);
            byte[] req = request(new byte[12], new StunCodec.Attribute(StunCodec.CHANGE_REQUEST, new byte[]{0, 0, 0, 6}));
            client.send(new DatagramPacket(req, req.length, server.addresses().getFirst()));
            DatagramPacket in = receive(client, 10_000).orElseThrow();
            StunCodec.Message m = StunCodec.parse(in.getData(), in.getLength()).orElseThrow();
            assertThat(m.type()).isEqualTo(StunCodec.BINDING_ERROR);
            assertThat(m.first(StunCodec.UNKNOWN_ATTRIBUTES).orElseThrow().value()).containsExactly(0, 3);
        }
    }
}
