package io.callready.agent.probe.rtp;

import io.callready.agent.quality.FixedJitterBuffer;
import io.callready.agent.quality.JitterBuffer;
import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BurstAnalysisTest {
    private static final long MS = 1_000_000L;
    private static final RtpHeader HEADER = new RtpHeader(false, 0, 1, 0, 42);
    private static final long REFLECTOR_CLOCK_OFFSET = 5_000_000_000_000L;
    private static final JitterBuffer BUFFER = new FixedJitterBuffer(60);

    /** A packet sent at i·20 ms, taking {@code upMs} up, held {@code holdMs}, {@code downMs} down. */
    private static void answer(BurstLog log, int i, long replyIndex, double upMs, double holdMs, double downMs) {
        long t1 = i * 20 * MS;
        long t2 = t1 + (long) (upMs * MS);
        long hold = (long) (holdMs * MS);
        long t4 = t2 + hold + (long) (downMs * MS);
        log.recordReply(i, t4, new ProbePacket.Reply(HEADER, ProbePacket.TOS_UNKNOWN, t2 + REFLECTOR_CLOCK_OFFSET, hold, replyIndex));
    }

    private static BurstLog sentLog(int packets) {
        BurstLog log = new BurstLog(packets);
        for (int i = 0; i < packets; i++) {
            log.markSent(i, i * 20 * MS);
        }
        return log;
    }

    private static ProbePacket.SessionStats stats(long received, long repliesSent) {
        return new ProbePacket.SessionStats(received, 0, 0, repliesSent, received);
    }

    @Test
    void rttSubtractsTheReflectorHoldTime() {
        BurstLog log = sentLog(3);
        answer(log, 0, 1, 5, 0.5, 5);
        answer(log, 1, 2, 6, 3.0, 6);
        answer(log, 2, 3, 10, 0.1, 10);
        var a = BurstAnalysis.analyse(log, stats(3, 3), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics().get("rtt_ms")).isCloseTo(12.0, within(1e-9));
        assertThat(a.metrics().get("rtt_min_ms")).isCloseTo(10.0, within(1e-9));
        assertThat(a.metrics().get("rtt_max_ms")).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void jitterIsPerDirectionDespiteDifferentClocks() {
        BurstLog log = sentLog(3);
        // upstream transits 5, 7, 5 → |D| 2, 2 → J = 0.125 + (2 − 0.125)/16; downstream constant 4 → J = 0
        answer(log, 0, 1, 5, 0.2, 4);
        answer(log, 1, 2, 7, 0.2, 4);
        answer(log, 2, 3, 5, 0.2, 4);
        var a = BurstAnalysis.analyse(log, stats(3, 3), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics().get("jitter_up_ms")).isCloseTo(0.125 + (2 - 0.125) / 16, within(1e-9));
        assertThat(a.metrics().get("jitter_down_ms")).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void upstreamJitterFollowsReflectorOrderNotArrivalOrder() {
        BurstLog log = sentLog(2);
        // packet 1 overtakes packet 0 upstream: the reflector numbers it first
        answer(log, 1, 1, 1, 0, 1);
        answer(log, 0, 2, 25, 0, 1);
        var a = BurstAnalysis.analyse(log, stats(2, 2), Codec.PCMU, 20, BUFFER);
        // reflector order: packet 1 (transit 1), packet 0 (transit 25) → J = 24/16
        assertThat(a.metrics().get("jitter_up_ms")).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void lossSplitsByDirectionFromStatsAndReplyIndices() {
        BurstLog log = sentLog(10);
        // packet 3 lost upstream (reflector received 9, sent 9 replies); reply 6 (packet 6) lost downstream
        long index = 1;
        for (int i = 0; i < 10; i++) {
            if (i == 3) continue;
            long idx = index++;
            if (idx == 6) continue;
            answer(log, i, idx, 2, 0.1, 2);
        }
        var a = BurstAnalysis.analyse(log, stats(9, 9), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics().get("loss_up_ratio")).isCloseTo(0.1, within(1e-12));
        assertThat(a.metrics().get("loss_down_ratio")).isCloseTo(1.0 / 9, within(1e-12));
        assertThat(a.metrics().get("packets_received_count")).isEqualTo(8.0);
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void unansweredPacketIsUpstreamReceivedWhenItsReplyIndexIsMissing() {
        BurstLog log = sentLog(6);
        // packets 2 and 3 unanswered; reply index 3 missing → one of them reached the reflector
        answer(log, 0, 1, 1, 0, 1);
        answer(log, 1, 2, 1, 0, 1);
        answer(log, 4, 4, 1, 0, 1);
        answer(log, 5, 5, 1, 0, 1);
        var up = BurstAnalysis.upstreamTrace(log, 5, null);
        var down = BurstAnalysis.downstreamTrace(log, 5);
        assertThat(up.received()).containsExactly(true, true, true, false, true, true);
        assertThat(up.transitMs()[0]).isCloseTo(1 + REFLECTOR_CLOCK_OFFSET / 1e6, within(1e-3));
        assertThat(up.transitMs()[2]).isNaN();
        assertThat(down.received()).containsExactly(true, true, false, true, true);
        assertThat(down.transitMs()[3]).isCloseTo(1 - REFLECTOR_CLOCK_OFFSET / 1e6, within(1e-3));
    }

    @Test
    void duplicatesAndReorderingDownstreamComeFromReplyIndices() {
        BurstLog log = sentLog(3);
        answer(log, 0, 1, 1, 0, 1);
        answer(log, 2, 3, 1, 0, 1);
        answer(log, 1, 2, 1, 0, 1);
        answer(log, 1, 2, 1, 0, 1);
        // the reflector got packet 2 twice and answered both: a fourth reply index, not a downstream duplicate
        answer(log, 2, 4, 1, 0, 1);
        var a = BurstAnalysis.analyse(log, new ProbePacket.SessionStats(3, 1, 0, 4, 3), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics())
                .containsEntry("duplicates_down_count", 1.0)
                .containsEntry("reordered_down_count", 1.0)
                .containsEntry("duplicates_up_count", 1.0)
                .containsEntry("loss_up_ratio", 0.0)
                .containsEntry("loss_down_ratio", 0.0);
    }

    @Test
    void missingStatsAreEstimatedAndSaidSo() {
        BurstLog log = sentLog(4);
        answer(log, 0, 1, 1, 0, 1);
        answer(log, 1, 2, 1, 0, 1);
        answer(log, 3, 4, 1, 0, 1);
        var a = BurstAnalysis.analyse(log, null, Codec.PCMU, 20, BUFFER);
        // reply index 3 missing: packet 2 reached the reflector, its reply was lost
        assertThat(a.metrics().get("loss_up_ratio")).isCloseTo(0.0, within(1e-12));
        assertThat(a.metrics().get("loss_down_ratio")).isCloseTo(0.25, within(1e-12));
        assertThat(a.metrics()).doesNotContainKeys("duplicates_up_count", "reordered_up_count");
        assertThat(a.notes()).singleElement().asString().startsWith("reflector stats did not arrive");
        assertThat(a.details().get("stats_received").asBoolean()).isFalse();
    }

    @Test
    void headlineMosIsTheWorseDirection() {
        BurstLog log = sentLog(100);
        long index = 1;
        for (int i = 0; i < 100; i++) {
            long idx = index++;
            if (idx % 20 == 0) continue;
            answer(log, i, idx, 10, 0.1, 10);
        }
        var a = BurstAnalysis.analyse(log, stats(100, 100), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics().get("mos_down")).isLessThan(a.metrics().get("mos_up"));
        assertThat(a.metrics().get("mos")).isEqualTo(a.metrics().get("mos_down"));
        // d = 20/2 + 60 (fixed buffer) + 20 + 0
        assertThat(a.metrics().get("mouth_to_ear_delay_ms")).isCloseTo(90.0, within(1e-6));
        assertThat(a.metrics()).containsEntry("late_discards_down_count", 0.0).containsEntry("loss_effective_down_ratio", 0.05)
                .containsKeys("mos_if_pcmu", "mos_if_pcma", "mos_if_g722", "mos_if_g729", "mos_if_opus");
        assertThat(a.metrics().get("mos_if_pcmu")).isEqualTo(a.metrics().get("mos"));
        assertThat(a.metrics().get("mos_if_g729")).isLessThan(a.metrics().get("mos"));
    }

    @Test
    void lateRepliesAreDiscardedAndLowerTheMos() {
        BurstLog log = sentLog(50);
        for (int i = 0; i < 50; i++) {
            answer(log, i, i + 1, 10, 0.1, i % 10 == 5 ? 90 : 10);
        }
        var a = BurstAnalysis.analyse(log, stats(50, 50), Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics()).containsEntry("loss_down_ratio", 0.0).containsEntry("late_discards_down_count", 5.0)
                .containsEntry("late_discards_up_count", 0.0).containsEntry("loss_effective_down_ratio", 0.1);
        assertThat(a.metrics().get("mos_down")).isLessThan(a.metrics().get("mos_up"));
    }

    /** The reflector's arrival record for {@code packets} requests reaching it in {@code order}, each {@code upMs[i]} after T1. */
    private static ReflectorArrivals arrivals(int packets, int[] order, double[] upMs) {
        List<ProbePacket.Arrival> records = new ArrayList<>();
        for (int i : order) {
            records.add(new ProbePacket.Arrival(i, ProbePacket.TOS_UNKNOWN, i * 20 * MS + (long) (upMs[i] * MS) + REFLECTOR_CLOCK_OFFSET));
        }
        return ReflectorArrivals.of(packets, records, seq -> seq);
    }

    @Test
    void reflectorArrivalsDecideUpstreamLossWhenRequestsWereReorderedAndTheirRepliesLost() {
        BurstLog log = sentLog(6);
        // packet 1 is overtaken by packet 2 on the way up: reflector order 0, 2, 1, 3, 4, 5 → reply indices 1 … 6;
        // the reply to packet 2 (index 2) is lost on the way down
        double[] up = {1, 30, 1, 1, 1, 1};
        answer(log, 0, 1, up[0], 0, 1);
        answer(log, 1, 3, up[1], 0, 1);
        answer(log, 3, 4, up[3], 0, 1);
        answer(log, 4, 5, up[4], 0, 1);
        answer(log, 5, 6, up[5], 0, 1);
        var stats = new ProbePacket.SessionStats(6, 0, 1, 6, 5);
        var fromReplies = BurstAnalysis.analyse(log, stats, null, Codec.PCMU, 20, BUFFER);
        // reply indices alone cannot place the lost reply before the overtaken request: this is the estimate's limit
        assertThat(fromReplies.details().get("upstream").get("lost").asInt()).isEqualTo(1);
        assertThat(fromReplies.details().get("upstream_from").asText()).isEqualTo("replies");

        var a = BurstAnalysis.analyse(log, stats, arrivals(6, new int[]{0, 2, 1, 3, 4, 5}, up), Codec.PCMU, 20, BUFFER);
        assertThat(a.details().get("upstream").get("lost").asInt()).isZero();
        assertThat(a.details().get("upstream_from").asText()).isEqualTo("reflector_arrivals");
        assertThat(a.metrics()).containsEntry("loss_up_ratio", 0.0).containsEntry("loss_effective_up_ratio", 0.0);
        assertThat(a.metrics().get("loss_down_ratio")).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(a.metrics().get("mos_up")).isGreaterThan(fromReplies.metrics().get("mos_up"));
    }

    @Test
    void reflectorArrivalsGiveTheTransitOfRequestsWhoseReplyWasLost() {
        BurstLog log = sentLog(4);
        // packet 2 arrives 90 ms late at the reflector (beyond the 60 ms buffer) and its reply is lost
        double[] up = {1, 1, 91, 1};
        answer(log, 0, 1, 1, 0, 1);
        answer(log, 1, 2, 1, 0, 1);
        answer(log, 3, 3, 1, 0, 1);
        var a = BurstAnalysis.analyse(log, new ProbePacket.SessionStats(4, 0, 1, 4, 3), arrivals(4, new int[]{0, 1, 3, 2}, up),
                Codec.PCMU, 20, BUFFER);
        assertThat(a.metrics()).containsEntry("late_discards_up_count", 1.0).containsEntry("loss_effective_up_ratio", 0.25);
    }

    @Test
    void upstreamJitterRunsOverEveryRequestThatReachedTheReflector() {
        BurstLog log = sentLog(3);
        // transits 5, 9, 5; the reply to packet 1 is lost, so the replies alone see transits 5, 5 (J = 0)
        double[] up = {5, 9, 5};
        answer(log, 0, 1, up[0], 0, 1);
        answer(log, 2, 3, up[2], 0, 1);
        var stats = new ProbePacket.SessionStats(3, 0, 0, 3, 2);
        assertThat(BurstAnalysis.analyse(log, stats, null, Codec.PCMU, 20, BUFFER).metrics().get("jitter_up_ms")).isZero();

        var a = BurstAnalysis.analyse(log, stats, arrivals(3, new int[]{0, 1, 2}, up), Codec.PCMU, 20, BUFFER);
        // |D| 4, 4 → J = 4/16 + (4 − 4/16)/16
        assertThat(a.metrics().get("jitter_up_ms")).isCloseTo(0.25 + (4 - 0.25) / 16, within(1e-9));
    }
}
