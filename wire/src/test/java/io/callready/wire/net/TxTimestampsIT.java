package io.callready.wire.net;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kernel software transmit stamps on loopback, and the receive path of the same sockets unchanged by them. */
class TxTimestampsIT {
    private static final int EF = 46 << 2;

    @Test
    void eachSendGetsItsNumberAndTheKernelsSendTimeAndReceiveStampsStayAsTheyWere() throws Exception {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = TimestampedUdpSocket.open(server.localAddress().getAddress())) {
            client.connect(server.localAddress());
            TxTimestamps tx = TxTimestamps.enable(client);
            assertThat(tx).as("software TX stamps work on loopback").isNotNull();
            TxTimestamps serverTx = TxTimestamps.enable(server);
            assertThat(serverTx).isNotNull();
            client.setTos(EF);

            long[] userT1 = new long[3];
            long[] t4 = new long[3];
            ByteBuffer out = ByteBuffer.allocateDirect(16);
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            for (int i = 0; i < 3; i++) {
                userT1[i] = EpochClock.nowNanos();
                client.send(out.clear().put((byte) i).flip());
                in.clear();
                TimestampedUdpSocket.Datagram d = server.receive(in, true);
                assertThat(d.realtimeNanos()).as("receive stamp still there").isPositive();
                assertThat(d.tos()).as("control messages not crowded out").isEqualTo(EF);
                assertThat(d.ttl()).isPositive();
                t4[i] = d.realtimeNanos();
            }
            List<TxTimestamps.Stamp> stamps = new ArrayList<>();
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (stamps.size() < 3 && System.nanoTime() < deadline) {
                TxTimestamps.Stamp s = tx.poll();
                if (s == null) {
                    Thread.sleep(1);
                } else {
                    stamps.add(s);
                }
            }
            assertThat(stamps).extracting(TxTimestamps.Stamp::sendNumber).containsExactly(0L, 1L, 2L);
            for (int i = 0; i < 3; i++) {
                assertThat(stamps.get(i).realtimeNanos()).as("after the user-space stamp, before the arrival")
                        .isBetween(userT1[i], t4[i]);
            }
            assertThat(tx.poll()).isNull();
            assertThat(serverTx.poll()).as("the server sent nothing").isNull();
        }
    }
}
