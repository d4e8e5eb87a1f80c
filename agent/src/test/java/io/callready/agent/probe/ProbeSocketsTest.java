package io.callready.agent.probe;

import io.callready.wire.net.TimestampedUdpSocket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeSocketsTest {

    @Test
    void anUnresolvableTargetIsUnreachableNotAnError() {
        assertThatThrownBy(() -> ProbeSockets.connect("STAMP reflector", "no-such-host.invalid:862", 46, 0))
                .isInstanceOf(ProbeSockets.TargetUnreachable.class)
                .hasMessage("cannot resolve STAMP reflector host 'no-such-host.invalid'");
    }

    @Test
    void sendsFromTheChosenPortMarkedWithTheDscpToTheTarget() throws Exception {
        try (TimestampedUdpSocket target = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            int sourcePort = freePort();
            try (TimestampedUdpSocket s = ProbeSockets.connect("reflector", "127.0.0.1:" + target.localAddress().getPort(), 46, sourcePort)) {
                s.send(ByteBuffer.allocateDirect(12));
                TimestampedUdpSocket.Datagram d = target.receive(ByteBuffer.allocateDirect(64), true);
                assertThat(d.tos()).isEqualTo(46 << 2);
                assertThat(d.source().getPort()).isEqualTo(sourcePort);
            }
        }
    }

    @Test
    void aSourcePortInUseIsALocalErrorNamingThePort() throws IOException {
        try (TimestampedUdpSocket taken = TimestampedUdpSocket.bind(new InetSocketAddress("0.0.0.0", 0))) {
            int port = taken.localAddress().getPort();
            assertThatThrownBy(() -> ProbeSockets.connect("reflector", "127.0.0.1:5004", 46, port))
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot bind local udp port " + port);
        }
    }

    private static int freePort() throws IOException {
        try (TimestampedUdpSocket s = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            return s.localAddress().getPort();
        }
    }
}
