package io.callready.agent.probe.stamp;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.stamp.StampReflector;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The agent's STAMP session-sender against the CallReady STAMP reflector on loopback. */
class StampProbeIT {
    private static ProbeResult run(InetSocketAddress target, StampReflectorMode mode) {
        StampSpec spec = new StampSpec("it", Duration.ofMinutes(1), "127.0.0.1:" + target.getPort(), mode, Codec.G729, 20,
                Duration.ofSeconds(1), 46, JitterBufferSpec.fixed(60), null);
        return new StampProbe().run(spec, ProbeContext.quiet("local-check"));
    }

    /** The probe's result on a clean path, and how many bursts it took to get one. */
    private record Clean(ProbeResult result, int bursts) {
    }

    /**
     * Loopback is a clean path unless this machine stalls the reflector between its user-space T3 and the send for
     * longer than the 60 ms buffer, which a busy CI machine can: up to three bursts, the first OK one counts.
     */
    private static Clean runClean(InetSocketAddress target, StampReflectorMode mode) {
        ProbeResult r = null;
        for (int burst = 1; burst <= 3; burst++) {
            r = run(target, mode);
            if (r.status() == ResultStatus.OK) {
                return new Clean(r, burst);
            }
        }
        return new Clean(r, 3);
    }

    @Test
    void statefulReflectorGivesPerDirectionMetricsAndMos() throws Exception {
        try (StampReflector reflector = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0), StampReflectorMode.STATEFUL))) {
            Clean clean = runClean(reflector.localAddress(), StampReflectorMode.STATEFUL);
            ProbeResult r = clean.result();
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            assertThat(r.kind()).isEqualTo(ProbeKind.STAMP);
            assertThat(r.metrics())
                    .containsEntry("packets_sent_count", 50.0)
                    .containsEntry("packets_received_count", 50.0)
                    .containsEntry("loss_up_ratio", 0.0)
                    .containsEntry("loss_down_ratio", 0.0)
                    .containsKeys("jitter_up_ms", "jitter_down_ms", "mos_up", "mos_down", "mos_if_pcmu", "mos_if_g729");
            assertThat(r.metrics().get("rtt_ms")).isBetween(0.0, 5.0);
            // G.729: Ie 11 and 5 ms look-ahead on a clean path
            assertThat(r.metrics().get("mos")).isCloseTo(r.metrics().get("mos_if_g729"), within(1e-12)).isLessThan(4.2);
            assertThat(r.labels()).containsEntry("stamp_reflector_mode", "stateful").containsEntry("jitter_buffer", "fixed:60");
            assertThat(reflector.counters().replied()).isEqualTo(50L * clean.bursts());
        }
    }

    @Test
    void statelessReflectorReportsRoundTripLossOnly() throws Exception {
        try (StampReflector reflector = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0), StampReflectorMode.STATELESS))) {
            ProbeResult r = runClean(reflector.localAddress(), StampReflectorMode.STATELESS).result();
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            assertThat(r.metrics()).containsEntry("loss_round_trip_ratio", 0.0)
                    .doesNotContainKeys("loss_up_ratio", "loss_down_ratio", "mos_up", "mos_down")
                    .containsKeys("mos", "r_factor", "jitter_up_ms", "jitter_down_ms");
            assertThat(r.reason()).contains("stateless reflector: loss direction unknown");
        }
    }

    @Test
    void silentPortFails() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ProbeResult r = run((InetSocketAddress) silent.getLocalAddress(), StampReflectorMode.STATELESS);
            assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
            assertThat(r.reason()).startsWith("no STAMP reply from 127.0.0.1:");
        }
    }
}
