package io.callready.agent.probe.rtp;

import io.callready.agent.quality.JitterBuffer;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Property test over seeded random bursts: whatever the path does (delay, loss and duplication in each direction,
 * reordering, any offset between the two hosts' clocks), an analysis of consistent stamps (each host's own clock
 * for its two stamps) never reports a value outside physics: no negative RTT, delay, jitter or count, ratios in
 * 0..1, MOS in 1..4.5, R in 0..100. And RTT is exact: the minimum is the fastest first reply's up + down time.
 */
class BurstPhysicsTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_790_000_000_000_000_000L;
    private static final int CASES = 3000;

    private record Reply(int packet, long t2, long hold, long replyIndex, long t4, long upPlusDown, boolean inconsistent) {
    }

    private record Burst(BurstLog log, ProbePacket.SessionStats stats, double expectedMinRttMs, int inconsistent) {
    }

    /** Exponential delay with the given mean, never below 2 µs: no real path is faster. */
    private static long delay(Random rnd, long meanNanos) {
        return 2 * US + (long) (-Math.log(1 - rnd.nextDouble()) * meanNanos);
    }

    /**
     * @param inconsistency probability that a reply's hold is inflated beyond its round trip, as a stepped reflector
     *                      clock would
     */
    private static Burst burst(Random rnd, double inconsistency) {
        int packets = 1 + rnd.nextInt(250);
        int ptimeMs = 20;
        long agentClock = EPOCH + rnd.nextLong(-1_000_000 * MS, 1_000_000 * MS);
        long reflectorClock = rnd.nextLong(-EPOCH, EPOCH);
        double lossUp = rnd.nextDouble() < 0.3 ? rnd.nextDouble() * 0.5 : 0;
        double lossDown = rnd.nextDouble() < 0.3 ? rnd.nextDouble() * 0.5 : 0;
        double dupUp = rnd.nextDouble() < 0.2 ? rnd.nextDouble() * 0.2 : 0;
        double dupDown = rnd.nextDouble() < 0.2 ? rnd.nextDouble() * 0.2 : 0;
        long meanUp = rnd.nextBoolean() ? 20 * US : rnd.nextLong(1, 80 * MS);
        long meanDown = rnd.nextBoolean() ? 20 * US : rnd.nextLong(1, 80 * MS);

        BurstLog log = new BurstLog(packets);
        record Arrival(int packet, long at) {
        }
        List<Arrival> atReflector = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            if (rnd.nextDouble() < 0.01) {
                continue;
            }
            long sentAt = i * ptimeMs * MS + rnd.nextLong(0, 2 * MS);
            log.markSent(i, sentAt + agentClock);
            if (rnd.nextDouble() < lossUp) {
                continue;
            }
            int copies = rnd.nextDouble() < dupUp ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                atReflector.add(new Arrival(i, sentAt + delay(rnd, meanUp)));
            }
        }
        atReflector.sort(Comparator.comparingLong(Arrival::at));
        List<Reply> replies = new ArrayList<>();
        long distinct = atReflector.stream().mapToInt(Arrival::packet).distinct().count();
        for (int k = 0; k < atReflector.size(); k++) {
            Arrival a = atReflector.get(k);
            long hold = rnd.nextDouble() < 0.2 ? 0 : rnd.nextLong(0, 2 * MS);
            long sentAt = log.sentNanos(a.packet()) - agentClock;
            int copies = rnd.nextDouble() < lossDown ? 0 : rnd.nextDouble() < dupDown ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                long down = delay(rnd, meanDown);
                boolean inconsistent = rnd.nextDouble() < inconsistency;
                long reportedHold = inconsistent ? hold + (a.at() - sentAt) + down + rnd.nextLong(1, 5 * MS) : hold;
                replies.add(new Reply(a.packet(), a.at() + reflectorClock, reportedHold, k + 1,
                        a.at() + hold + down + agentClock, a.at() - sentAt + down, inconsistent));
            }
        }
        replies.sort(Comparator.comparingLong(Reply::t4));
        boolean[] first = new boolean[packets];
        BitSet indicesSeen = new BitSet();
        double minRttMs = Double.POSITIVE_INFINITY;
        int inconsistent = 0;
        for (Reply r : replies) {
            // the log keeps the first reply of each packet, skipping a reply index it has seen (a downstream duplicate)
            boolean fresh = !first[r.packet()] && !indicesSeen.get((int) r.replyIndex());
            indicesSeen.set((int) r.replyIndex());
            log.recordReply(r.packet(), r.t4(), r.t2(), r.hold(), r.replyIndex(), ProbePacket.TOS_UNKNOWN);
            if (fresh) {
                first[r.packet()] = true;
                if (r.inconsistent()) {
                    inconsistent++;
                } else {
                    minRttMs = Math.min(minRttMs, r.upPlusDown() / 1e6);
                }
            }
        }
        ProbePacket.SessionStats stats = rnd.nextBoolean() ? null
                : new ProbePacket.SessionStats(distinct, atReflector.size() - distinct, 0, atReflector.size(), packets);
        return new Burst(log, stats, minRttMs, inconsistent);
    }

    private static void assertPhysical(Map<String, Double> metrics) {
        metrics.forEach((name, v) -> {
            assertThat(v).as(name).isFinite();
            if (name.startsWith("mos")) {
                assertThat(v).as(name).isBetween(1.0, 4.5);
            } else if (name.equals("r_factor")) {
                assertThat(v).as(name).isBetween(0.0, 100.0);
            } else if (name.endsWith("_ratio")) {
                assertThat(v).as(name).isBetween(0.0, 1.0);
            } else {
                assertThat(v).as(name).isGreaterThanOrEqualTo(0.0);
            }
        });
    }

    @Test
    void consistentStampsNeverGiveAValueOutsidePhysics() {
        Random rnd = new Random(20261201);
        JitterBuffer buffer = JitterBuffer.of(JitterBufferSpec.DEFAULT, 20);
        int analysed = 0;
        for (int c = 0; c < CASES; c++) {
            Burst b = burst(rnd, 0);
            if (b.log().arrivals == 0) {
                continue;
            }
            analysed++;
            for (double rtt : BurstAnalysis.rttsMs(b.log())) {
                assertThat(rtt).as("case %d", c).isPositive();
            }
            BurstAnalysis.Analysis a = BurstAnalysis.analyse(b.log(), b.stats(), Codec.PCMU, 20, buffer);
            assertThat(a.metrics().get("rtt_min_ms")).as("case %d", c).isCloseTo(b.expectedMinRttMs(), within(1e-9));
            assertThat(a.details().has("inconsistent_timestamps")).isFalse();
            assertPhysical(a.metrics());
        }
        assertThat(analysed).isGreaterThan(CASES * 9 / 10);
    }

    @Test
    void aReplyWhoseHoldExceedsItsRoundTripIsReceivedButNotTimed() {
        Random rnd = new Random(7);
        JitterBuffer buffer = JitterBuffer.of(JitterBufferSpec.DEFAULT, 20);
        int excluded = 0;
        for (int c = 0; c < CASES / 3; c++) {
            Burst b = burst(rnd, 0.1);
            if (b.log().arrivals == 0) {
                continue;
            }
            assertThat(b.log().inconsistentTimestamps).as("case %d", c).isEqualTo(b.inconsistent());
            excluded += b.inconsistent();
            if (BurstAnalysis.whyUntimed(b.log(), null) != null) {
                assertThat(b.log().timedCount()).isZero();
                continue;
            }
            BurstAnalysis.Analysis a = BurstAnalysis.analyse(b.log(), b.stats(), Codec.PCMU, 20, buffer);
            assertThat(a.metrics().get("packets_received_count")).isEqualTo((double) b.log().arrivals);
            assertThat(a.metrics().get("rtt_min_ms")).as("case %d", c).isCloseTo(b.expectedMinRttMs(), within(1e-9));
            assertPhysical(a.metrics());
        }
        assertThat(excluded).isPositive();
    }
}
