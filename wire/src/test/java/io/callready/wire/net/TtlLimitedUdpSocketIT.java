package io.callready.wire.net;

import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TtlLimitedUdpSocketIT {
    @Test
    void aClosedPortAnswersPortUnreachableIntoTheErrorQueueWithOurPayload() throws Exception {
        assumeTrue(Libc.unavailable() == null, "native sockets: " + Libc.unavailable());
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            closed = s.getLocalPort();
        }
        try (TtlLimitedUdpSocket socket = TtlLimitedUdpSocket.open()) {
            socket.send(new InetSocketAddress(lo, closed), 1, new byte[]{7, 'C', 'R'});
            socket.send(new InetSocketAddress(lo, closed), 2, new byte[]{8, 'C', 'R'});
            List<TtlLimitedUdpSocket.IcmpError> errors = new ArrayList<>();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (errors.size() < 2 && System.nanoTime() < deadline) {
                errors.addAll(socket.drainErrors());
                Thread.sleep(10);
            }
            assertThat(errors).hasSize(2);
            assertThat(errors).allSatisfy(e -> {
                assertThat(e.type()).as("ICMP destination unreachable").isEqualTo(3);
                assertThat(e.code()).as("port unreachable").isEqualTo(3);
                assertThat(e.from()).isEqualTo(lo);
            });
            assertThat(errors).extracting(e -> (int) e.payload()[0]).containsExactlyInAnyOrder(7, 8);
        }
    }
}
