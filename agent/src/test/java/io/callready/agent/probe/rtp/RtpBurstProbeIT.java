package io.callready.agent.probe.rtp;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.net.InetSocketAddress;
import java.util.List;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RtpBurstProbeIT {
    private static final String AGENT = "5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11";

    private Reflector reflector;

    @BeforeEach
    void startReflector() throws Exception {
        reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stopReflector() {
        reflector.close();
    }

    private static RtpBurstSpec spec(InetSocketAddress target, Codec codec, int ptimeMs, Duration burst) {
        return new RtpBurstSpec("it", Duration.ofMinutes(1), "127.0.0.1:" + target.getPort(), codec, ptimeMs, burst, 46);
    }

    private static ProbeResult run(RtpBurstSpec spec) {
        return new RtpBurstProbe().run(spec, ProbeContext.quiet(AGENT));
    }

    @Test
    void cleanLoopbackPathIsOk() {
        InetSocketAddress target = reflector.localAddress();
        ProbeResult r = run(spec(target, Codec.PCMU, 20, Duration.ofMillis(1500)));

        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.labels()).as("software transmit stamps on loopback").containsEntry("tx_timestamps", "kernel");
        assertThat(r.details().get("kernel_tx_stamps").asInt()).isEqualTo(75);
        assertThat(r.labels()).as("the reflector's T3 from its transmit stamps").containsEntry("reflector_tx_timestamps", "kernel");
        assertThat(r.details().get("reflector_kernel_tx_stamps").asInt()).isEqualTo(75);
        assertThat(r.metrics().get("rtt_min_ms")).isGreaterThanOrEqualTo(0.0);
        assertThat(r.kind()).isEqualTo(ProbeKind.RTP_BURST);
        assertThat(r.agentId()).isEqualTo(AGENT);
        assertThat(r.target()).isEqualTo("127.0.0.1:" + target.getPort());
        assertThat(r.metrics())
                .containsEntry("packets_sent_count", 75.0)
                .containsEntry("packets_received_count", 75.0)
                .containsEntry("loss_up_ratio", 0.0)
                .containsEntry("loss_down_ratio", 0.0)
                .containsEntry("duplicates_up_count", 0.0)
                .containsEntry("duplicates_down_count", 0.0)
                .containsEntry("reordered_up_count", 0.0)
                .containsEntry("reordered_down_count", 0.0)
                .containsEntry("burst_r_up", 1.0)
                .containsEntry("burst_r_down", 1.0)
                .containsKeys("jitter_up_ms", "jitter_down_ms", "rtt_min_ms", "rtt_max_ms", "mouth_to_ear_delay_ms",
                        "r_factor", "mos_up", "mos_down");
        assertThat(r.metrics().get("rtt_ms")).isBetween(0.0, 5.0);
        assertThat(r.metrics().get("rtt_min_ms")).isLessThanOrEqualTo(r.metrics().get("rtt_ms"));
        assertThat(r.metrics().get("mos")).isCloseTo(4.4, within(0.03));
        assertThat(r.labels())
                .containsEntry("codec", "pcmu")
                .containsEntry("ptime_ms", "20")
                .containsEntry("dscp", "46")
                .containsEntry("mos_provisional", "false");
        assertThat(r.details().get("stats_received").asBoolean()).isTrue();
        assertThat(r.durationMs()).isBetween(1480L, 4000L);
    }

    @Test
    void wideBandCodecIsMarkedProvisional() {
        ProbeResult r = run(spec(reflector.localAddress(), Codec.OPUS, 10, Duration.ofSeconds(1)));
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.metrics()).containsEntry("packets_sent_count", 100.0).containsEntry("loss_up_ratio", 0.0);
        assertThat(r.labels()).containsEntry("codec", "opus").containsEntry("mos_provisional", "true");
    }

    @Test
    void silentPortFailsWithReason() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            ProbeResult r = run(spec(new InetSocketAddress("127.0.0.1", port), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
            // the reason states the linger it really waited: at least the 1 s minimum, more when the thread woke late
            var said = java.util.regex.Pattern.compile("no reply from reflector 127\\.0\\.0\\.1:" + port
                    + " within (\\d+\\.\\d) s after the last of 50 packets").matcher(r.reason());
            assertThat(said.lookingAt()).as(r.reason()).isTrue();
            assertThat(Double.parseDouble(said.group(1))).isGreaterThanOrEqualTo(1.0);
            assertThat(r.metrics()).containsEntry("packets_sent_count", 50.0).containsEntry("packets_received_count", 0.0);
        }
    }

    @Test
    void closedPortFailsAsRefused() throws Exception {
        int port;
        try (DatagramChannel closed = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) closed.getLocalAddress()).getPort();
        }
        ProbeResult r = run(spec(new InetSocketAddress("127.0.0.1", port), Codec.PCMU, 20, Duration.ofSeconds(1)));

        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("127.0.0.1:" + port).contains("ICMP port unreachable");
    }

    @Test
    void upstreamLossIsMeasuredExactly() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> n % 10 == 0, n -> false)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.metrics())
                    .containsEntry("packets_sent_count", 50.0)
                    .containsEntry("packets_received_count", 45.0)
                    .containsEntry("loss_down_ratio", 0.0);
            assertThat(r.metrics().get("loss_up_ratio")).isCloseTo(0.1, within(1e-12));
            assertThat(r.metrics().get("burst_r_up")).isLessThan(1.0);
            assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
            assertThat(r.reason()).contains("loss_up_ratio 0.1000 > 0.01 (problematic)").doesNotContain("loss_down");
        }
    }

    @Test
    void upstreamPatternComesFromTheReflectorsArrivalRecord() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> n == 20, n -> n % 10 == 0)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.details().get("upstream_from").asText()).isEqualTo("reflector_arrivals");
            assertThat(r.details().get("upstream").get("lost").asInt()).as("only request 20 was lost upstream").isEqualTo(1);
            assertThat(r.reason()).doesNotContain("arrival record");
        }
    }

    @Test
    void aLostArrivalsPageIsAskedForAgain() throws Exception {
        // 150 requests: two pages; the first answer to page 0 is lost
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> false)
                .droppingArrivalsReplies(n -> n == 1)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(3)));

            assertThat(r.details().get("upstream_from").asText()).isEqualTo("reflector_arrivals");
            assertThat(r.details().get("upstream").get("lost").asInt()).isZero();
        }
    }

    @Test
    void olderArrivalPagesWithoutKernelT3AreReadAndTheRepliesHoldsKept() throws Exception {
        // 150 requests asked for as pages of 60 (from 0, 60, 120); the older format answers up to 96 records from each
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> false).asReflectorWithoutKernelT3()) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(3)));

            // the relay does not carry the DSCP mark, so the status is degraded: not what this test is about
            assertThat(r.reason()).doesNotContain("arrival record");
            assertThat(r.details().get("upstream_from").asText()).isEqualTo("reflector_arrivals");
            assertThat(r.details().get("upstream").get("lost").asInt()).isZero();
            assertThat(r.labels()).containsEntry("reflector_tx_timestamps", "user");
            assertThat(r.details().get("reflector_kernel_tx_stamps").asInt()).isZero();
            assertThat(r.metrics().get("rtt_min_ms")).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void anArrivalRecordThatNeverArrivesFallsBackAndSaysSo() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> false)
                .droppingArrivalsReplies(n -> true)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.details().get("upstream_from").asText()).isEqualTo("replies");
            assertThat(r.reason()).contains("the reflector's arrival record did not arrive in full (1 of 1 pages missing)");
        }
    }

    @Test
    void anOlderReflectorWithoutArrivalRecordFallsBackAndSaysSo() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> n % 10 == 0).asOlderReflector()) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.details().get("stats_received").asBoolean()).isTrue();
            assertThat(r.details().get("upstream_from").asText()).isEqualTo("replies");
            assertThat(r.reason()).contains("the reflector keeps no per-request arrival record");
            assertThat(r.metrics()).containsEntry("loss_up_ratio", 0.0);
            assertThat(r.metrics().get("loss_down_ratio")).isCloseTo(0.1, within(1e-12));
            assertThat(r.details().get("upstream").get("lost").asInt()).as("no reordering: the estimate is right").isZero();
        }
    }

    @Test
    void downstreamLossIsMeasuredExactly() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> n % 10 == 0)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofSeconds(1)));

            assertThat(r.metrics())
                    .containsEntry("packets_sent_count", 50.0)
                    .containsEntry("packets_received_count", 45.0)
                    .containsEntry("loss_up_ratio", 0.0);
            assertThat(r.metrics().get("loss_down_ratio")).isCloseTo(0.1, within(1e-12));
            assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
            assertThat(r.reason()).contains("loss_down_ratio 0.1000 > 0.01 (problematic)").doesNotContain("loss_up");
            assertThat(r.metrics().get("mos_down")).isLessThan(r.metrics().get("mos_up"));
            assertThat(r.metrics().get("mos")).isEqualTo(r.metrics().get("mos_down"));
        }
    }

    @Test
    void bothDirectionsReportTheDscpTheyArrivedWith() {
        ProbeResult r = run(spec(reflector.localAddress(), Codec.PCMU, 20, Duration.ofMillis(200)));
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.labels()).containsEntry("dscp", "46").containsEntry("dscp_seen_up", "46").containsEntry("dscp_seen_down", "46");
        assertThat(r.reason()).doesNotContain("re-marked");
    }

    @Test
    void aPathThatClearsTheMarkIsReportedAsReMarkingInEachDirection() throws Exception {
        // the relay forwards from its own unmarked sockets, as a router that bleaches DSCP does
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> false)) {
            ProbeResult r = run(spec(relay.address(), Codec.PCMU, 20, Duration.ofMillis(200)));
            assertThat(r.labels()).containsEntry("dscp", "46").containsEntry("dscp_seen_up", "0").containsEntry("dscp_seen_down", "0");
            assertThat(r.status()).as("re-marking is a warning, not ok").isEqualTo(ResultStatus.DEGRADED);
            assertThat(r.reason()).contains("DSCP 46 was re-marked to 0 on the way up")
                    .contains("DSCP 46 was re-marked to 0 on the way down");
        }
    }

    @Test
    void requestsAreRealRtpShapedLikeTheCodec() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(reflector.localAddress(), n -> false, n -> false)) {
            ProbeResult r = run(spec(relay.address(), Codec.G729, 30, Duration.ofMillis(300)));
            assertThat(r.status()).as("the relay clears DSCP: a warning").isEqualTo(ResultStatus.DEGRADED);
            List<ProbePacket.Request> requests = relay.requests();
            assertThat(requests).hasSize(10);
            assertThat(requests.getFirst().header().marker()).isTrue();
            for (int i = 1; i < requests.size(); i++) {
                RtpHeader prev = requests.get(i - 1).header();
                RtpHeader cur = requests.get(i).header();
                assertThat(cur.marker()).isFalse();
                assertThat(cur.payloadType()).isEqualTo(18);
                assertThat(cur.ssrc()).isEqualTo(prev.ssrc());
                assertThat(cur.sequence()).isEqualTo((prev.sequence() + 1) & 0xFFFF);
                assertThat(cur.timestamp()).isEqualTo((prev.timestamp() + 240) & 0xFFFF_FFFFL);
                assertThat(requests.get(i).payloadSize()).isEqualTo(ProbePacket.payloadSize(Codec.G729, 30)).isEqualTo(30);
                assertThat(requests.get(i).replyDscp()).isEqualTo(46);
            }
        }
    }

    @Test
    void unresolvableHostFails() {
        RtpBurstSpec spec = new RtpBurstSpec("it", Duration.ofMinutes(1), "no-such-host.invalid:5004", Codec.PCMU, 20, Duration.ofSeconds(1), 46);
        ProbeResult r = run(spec);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).isEqualTo("cannot resolve reflector host 'no-such-host.invalid'");
    }
}
