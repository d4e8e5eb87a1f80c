package io.callready.reflector.rtpports;

import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reflector's RTP port test, from a client that builds the packets byte by byte: RTP header, 'C' 'R', type 7
 * with n, seconds, then n × (port, 0); type 9 tests to the opened ports.
 */
class PortOpenerIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private Reflector reflector;
    private DatagramSocket client;

    @BeforeEach
    void start() throws Exception {
        reflector = Reflector.start(new ReflectorSettings(new InetSocketAddress(LO, 0), 16, Duration.ofMinutes(1)));
        client = new DatagramSocket(new InetSocketAddress(LO, 0));
        client.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        client.close();
        reflector.close();
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            return s.getLocalPort();
        }
    }

    private static byte[] rtp(int seq, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(0x1234_5678).put(payload);
        return b.array();
    }

    private static byte[] openRequest(int seconds, int... ports) {
        ByteBuffer p = ByteBuffer.allocate(8 + 3 * ports.length);
        p.put((byte) 'C').put((byte) 'R').put((byte) 7).put((byte) ports.length).putShort((short) seconds).putShort((short) 0);
        for (int port : ports) p.putShort((short) port).put((byte) 0);
        return rtp(1, p.array());
    }

    private DatagramPacket exchange(byte[] packet, InetSocketAddress to) throws Exception {
        client.send(new DatagramPacket(packet, packet.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        client.receive(reply);
        return reply;
    }

    private static byte[] portTest(int seq) {
        byte[] payload = new byte[160];
        payload[0] = 'C';
        payload[1] = 'R';
        payload[2] = 9;
        return rtp(seq, payload);
    }

    @Test
    void opensTheAskedPortsAnswersTestsNoLargerThanThemAndRefusesLowPorts() throws Exception {
        int a = freePort();
        int b = freePort();
        byte[] request = openRequest(3, a, b, 80);
        DatagramPacket opened = exchange(request, reflector.localAddress());
        ByteBuffer r = ByteBuffer.wrap(opened.getData(), 0, opened.getLength());
        assertThat(opened.getLength()).as("the opened reply is as long as the request").isEqualTo(request.length);
        assertThat(r.get(14)).as("type").isEqualTo((byte) 8);
        assertThat(r.get(20 + 2)).as(a + " opened").isEqualTo((byte) 1);
        assertThat(r.get(23 + 2)).as(b + " opened").isEqualTo((byte) 1);
        assertThat(r.get(26 + 2)).as("port 80 refused").isEqualTo((byte) 3);

        for (int port : new int[]{a, b}) {
            byte[] test = portTest(port & 0xFFFF);
            DatagramPacket reply = exchange(test, new InetSocketAddress(LO, port));
            assertThat(reply.getLength()).isEqualTo(test.length);
            assertThat(reply.getPort()).as("answered from the tested port").isEqualTo(port);
            ByteBuffer t = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
            assertThat(t.getShort(16) & 0xFFFF).as("source port seen").isEqualTo(client.getLocalPort());
            assertThat(t.getShort(18) & 0xFFFF).as("arrived on").isEqualTo(port);
        }
        assertThat(exchange(request, reflector.localAddress()).getData()[22]).as("asked again by the same address: still opened").isEqualTo((byte) 1);
    }

    @Test
    void answersOnlyTheAskerAndOnlyPortTestsAndClosesAfterTheHold() throws Exception {
        int port = freePort();
        exchange(openRequest(1, port), reflector.localAddress());
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            stranger.setSoTimeout(500);
            byte[] test = portTest(5);
            stranger.send(new DatagramPacket(test, test.length, new InetSocketAddress(LO, port)));
            assertThatThrownBy(() -> stranger.receive(new DatagramPacket(new byte[2048], 2048))).isInstanceOf(SocketTimeoutException.class);
        }
        byte[] notATest = rtp(6, new byte[160]);
        client.send(new DatagramPacket(notATest, notATest.length, new InetSocketAddress(LO, port)));
        client.setSoTimeout(500);
        assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[2048], 2048))).isInstanceOf(SocketTimeoutException.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean freed = false;
        while (!freed && System.nanoTime() < deadline) {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LO, port))) {
                freed = again.isBound();
            } catch (java.net.BindException e) {
                Thread.sleep(100);
            }
        }
        assertThat(freed).as("the port is released after its one-second hold").isTrue();
        assertThat(reflector.counters().malformed()).as("a port test is never counted as malformed").isZero();
    }
}
