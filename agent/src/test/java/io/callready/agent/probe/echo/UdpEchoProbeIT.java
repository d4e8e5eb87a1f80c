package io.callready.agent.probe.echo;

import io.callready.agent.probe.ProbeContext;
import io.callready.wire.plan.UdpEchoSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class UdpEchoProbeIT {

    /** An RFC 862 echo service that drops every fifth datagram. */
    private static Thread echo(DatagramChannel server) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(2048);
            int n = 0;
            try {
                while (true) {
                    buf.clear();
                    SocketAddress from = server.receive(buf);
                    if (++n % 5 == 0) continue;
                    server.send(buf.flip(), from);
                }
            } catch (Exception closed) {
                // server closed
            }
        });
    }

    @Test
    void measuresRoundTripOnlyAndSaysSo() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            echo(server);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            ProbeResult r = new UdpEchoProbe().run(new UdpEchoSpec("echo", Duration.ofMinutes(1), "127.0.0.1:" + port, 20,
                    Duration.ofSeconds(1), 46), ProbeContext.quiet("local-check"));

            assertThat(r.kind()).isEqualTo(ProbeKind.UDP_ECHO);
            assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
            assertThat(r.metrics()).containsEntry("packets_sent_count", 50.0).containsEntry("packets_received_count", 40.0)
                    .containsEntry("loss_round_trip_ratio", 0.2)
                    .containsKeys("rtt_ms", "rtt_min_ms", "rtt_max_ms", "jitter_round_trip_ms")
                    .doesNotContainKeys("mos", "loss_up_ratio", "jitter_up_ms");
            assertThat(r.labels()).containsEntry("measurement", "round_trip_only");
            assertThat(r.reason()).contains("loss_round_trip_ratio 0.2000 > 0.01 (problematic)").contains("round-trip metrics only");
        }
    }
}
