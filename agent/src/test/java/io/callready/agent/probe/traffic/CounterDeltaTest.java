package io.callready.agent.probe.traffic;

import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Counter maths against hand-computed vectors: wraps of both widths, restarts, discontinuities and jumps. */
class CounterDeltaTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A reading {@code seconds} after the first, with the router up for 1000 s at the first. */
    private static CounterSnapshot at(double seconds, int bits, long in, long out, Long speed) {
        return new CounterSnapshot((long) (seconds * SECOND), T0.plusMillis((long) (seconds * 1000)), "wan0",
                100_000L + (long) (seconds * 100), 0L, true, "up", bits, in, out, 32, 10L, 20L, 0L, speed);
    }

    private static CounterDelta.Rates rates(CounterDelta.Outcome o) {
        assertThat(o).isInstanceOf(CounterDelta.Rates.class);
        return (CounterDelta.Rates) o;
    }

    private static CounterDelta.Dropped dropped(CounterDelta.Outcome o) {
        assertThat(o).isInstanceOf(CounterDelta.Dropped.class);
        return (CounterDelta.Dropped) o;
    }

    @Test
    void ratesAreBitsPerSecondOverTheSample() {
        // 2 500 000 octets out in 10 s = 2 Mbit/s up; 12 500 000 in = 10 Mbit/s down
        var r = rates(CounterDelta.between(at(0, 64, 1_000, 5_000, 1_000_000_000L),
                at(10, 64, 12_501_000, 2_505_000, 1_000_000_000L)));
        assertThat(r.upBps()).isEqualTo(2_000_000.0);
        assertThat(r.downBps()).isEqualTo(10_000_000.0);
        assertThat(r.sampleMs()).isEqualTo(10_000.0);
        assertThat(r.counterBits()).isEqualTo(64);
        assertThat(r.portSpeedBps()).isEqualTo(1_000_000_000L);
        assertThat(r.inDiscards()).isZero();
    }

    @Test
    void aSixtyFourBitCounterWrapsOnce() {
        // 2^64 - 1000 → 500: 1500 octets, 12 000 bits in 1 s
        long nearTop = -1000L; // 2^64 - 1000 as an unsigned long
        var r = rates(CounterDelta.between(at(0, 64, 0, nearTop, null), at(1, 64, 0, 500, null)));
        assertThat(r.upBps()).isEqualTo(12_000.0);
    }

    @Test
    void aThirtyTwoBitCounterWrapsOnce() {
        // 4 294 967 000 → 704: 4 294 967 296 - 4 294 967 000 + 704 = 1000 octets in 2 s = 4000 bit/s
        var r = rates(CounterDelta.between(at(0, 32, 4_294_967_000L, 0, 100_000_000L), at(2, 32, 704, 0, 100_000_000L)));
        assertThat(r.downBps()).isEqualTo(4_000.0);
        assertThat(r.counterBits()).isEqualTo(32);
    }

    @Test
    void discardCountersWrapAtThirtyTwoBits() {
        CounterSnapshot before = new CounterSnapshot(0, T0, "wan0", 100_000L, 0L, true, "up", 64, 0, 0, 32, 4_294_967_290L, 7L, 1L, null);
        CounterSnapshot after = new CounterSnapshot(SECOND, T0.plusSeconds(1), "wan0", 100_100L, 0L, true, "up", 64, 0, 0, 32, 4L, 9L, 1L, null);
        var r = rates(CounterDelta.between(before, after));
        assertThat(r.inDiscards()).isEqualTo(10L);
        assertThat(r.outDiscards()).isEqualTo(2L);
        assertThat(r.outErrors()).isZero();
    }

    @Test
    void aThirtyTwoBitSampleLongerThanOneWrapAtThePortSpeedIsDropped() {
        // at 1 Gbit/s a 32-bit octet counter wraps every 2^32 * 8 / 1e9 = 34.36 s: a 60 s sample is ambiguous
        var d = dropped(CounterDelta.between(at(0, 32, 0, 0, 1_000_000_000L), at(60, 32, 10, 10, 1_000_000_000L)));
        assertThat(d.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(d.reason()).contains("wraps every 34 s", "sample of 60 s", "ifHCInOctets");
        // 30 s at 1 Gbit/s is within one wrap
        rates(CounterDelta.between(at(0, 32, 0, 0, 1_000_000_000L), at(30, 32, 10, 10, 1_000_000_000L)));
    }

    @Test
    void sysUpTimeGoingBackDropsTheSample() {
        CounterSnapshot before = at(0, 64, 1000, 1000, null);
        CounterSnapshot after = new CounterSnapshot(60 * SECOND, T0.plusSeconds(60), "wan0", 4_000L, 0L, true, "up", 64, 10, 10, 32,
                0L, 0L, 0L, null);
        var d = dropped(CounterDelta.between(before, after));
        assertThat(d.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(d.reason()).isEqualTo("sysUpTime went back from 1000.00 s to 40.00 s: the router's SNMP agent restarted during the sample");
    }

    @Test
    void anUptimeShorterThanTheSampleIsARestartEvenWhenItGrew() {
        // up 5 s at the first read (a fresh boot), then restarted again: 30 s later it is up 20 s
        CounterSnapshot before = new CounterSnapshot(0, T0, "wan0", 500L, 0L, true, "up", 64, 0, 0, 32, 0L, 0L, 0L, null);
        CounterSnapshot after = new CounterSnapshot(30 * SECOND, T0.plusSeconds(30), "wan0", 2_000L, 0L, true, "up", 64, 10, 10, 32,
                0L, 0L, 0L, null);
        assertThat(dropped(CounterDelta.between(before, after)).reason())
                .isEqualTo("sysUpTime 20.00 s is shorter than the 30 s sample: the router's SNMP agent restarted during it");
        // an uptime that lags the sample by less than the drift allowance is no restart
        CounterSnapshot lagging = new CounterSnapshot(30 * SECOND, T0.plusSeconds(30), "wan0", 2_900L, 0L, true, "up", 64, 10, 10, 32,
                0L, 0L, 0L, null);
        rates(CounterDelta.between(new CounterSnapshot(0, T0, "wan0", 100L, 0L, true, "up", 64, 0, 0, 32, 0L, 0L, 0L, null), lagging));
    }

    @Test
    void aChangedDiscontinuityTimeDropsTheSample() {
        CounterSnapshot before = at(0, 64, 0, 0, null);
        CounterSnapshot after = new CounterSnapshot(10 * SECOND, T0.plusSeconds(10), "wan0", 101_000L, 100_500L, true, "up", 64, 10, 10,
                32, 0L, 0L, 0L, null);
        var d = dropped(CounterDelta.between(before, after));
        assertThat(d.reason()).isEqualTo("the counters of wan0 restarted between the reads (counter discontinuity 0 → 100500)");
    }

    @Test
    void anInterfaceDownFailsTheSample() {
        CounterSnapshot down = new CounterSnapshot(10 * SECOND, T0.plusSeconds(10), "wan0", 101_000L, 0L, false, "lowerLayerDown", 64,
                10, 10, 32, 0L, 0L, 0L, null);
        var d = dropped(CounterDelta.between(at(0, 64, 0, 0, null), down));
        assertThat(d.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(d.reason()).startsWith("interface wan0 is lowerLayerDown");
    }

    @Test
    void aSixtyFourBitCounterThatWentBackIsAJumpNotAHugeRate() {
        // a reset the router did not announce: 5 000 000 → 100 would be a wrap of almost 2^64 octets
        var d = dropped(CounterDelta.between(at(0, 64, 0, 5_000_000, 1_000_000_000L), at(10, 64, 0, 100, 1_000_000_000L)));
        assertThat(d.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(d.reason()).contains("octets sent went from 5000000 to 100", "above 1 Tbit/s", "reset");
    }

    @Test
    void aSixtyFourBitRateIsNotBoundByAPortSpeedThatUnderReports() {
        // loopback and PPPoE interfaces often say 10 Mbit/s: 100 Mbit/s through them is traffic, not a jump
        var r = rates(CounterDelta.between(at(0, 64, 0, 0, 10_000_000L), at(1, 64, 0, 12_500_000, 10_000_000L)));
        assertThat(r.upBps()).isEqualTo(100_000_000.0);
    }

    @Test
    void aThirtyTwoBitResetGivesNoRateAbovePortSpeed() {
        // 3 000 000 000 → 100 read as one wrap is 1 294 967 396 octets in 10 s = 1.04 Gbit/s, above twice a 100 Mbit/s port
        var d = dropped(CounterDelta.between(at(0, 32, 3_000_000_000L, 0, 100_000_000L), at(10, 32, 100, 0, 100_000_000L)));
        assertThat(d.reason()).contains("octets received");
    }

    @Test
    void thirtyTwoBitRatesUpToTwiceThePortSpeedPassForCachedCounters() {
        // 32-bit counters of a 2 Mbit/s port, 3.9 Mbit/s measured (a cached step): kept; 4.1 Mbit/s: dropped
        rates(CounterDelta.between(at(0, 32, 0, 0, 2_000_000L), at(1, 32, 0, 487_500, 2_000_000L)));
        assertThat(dropped(CounterDelta.between(at(0, 32, 0, 0, 2_000_000L), at(1, 32, 0, 512_500, 2_000_000L))).reason())
                .contains("twice the port speed of 2000000 bit/s");
    }

    @Test
    void readsOutOfOrderOrAtTheSameInstantGiveNoRate() {
        assertThat(dropped(CounterDelta.between(at(5, 64, 0, 0, null), at(5, 64, 10, 10, null))).status()).isEqualTo(ResultStatus.ERROR);
        dropped(CounterDelta.between(at(6, 64, 0, 0, null), at(5, 64, 10, 10, null)));
    }

    @Test
    void aChangeOfCounterWidthDropsTheSample() {
        assertThat(dropped(CounterDelta.between(at(0, 64, 0, 0, null), at(10, 32, 10, 10, null))).reason())
                .isEqualTo("the octet counters changed from 64 to 32 bits between the reads");
    }

    @Test
    void noCounterValueGivesANegativeRate() {
        long[] values = {0, 1, 1000, Integer.MAX_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        for (long a : values) {
            for (long b : values) {
                for (int bits : new int[]{32, 64}) {
                    long av = bits == 32 ? a & 0xFFFF_FFFFL : a;
                    long bv = bits == 32 ? b & 0xFFFF_FFFFL : b;
                    CounterDelta.Outcome o = CounterDelta.between(at(0, bits, av, av, 10_000_000_000L), at(20, bits, bv, bv, 10_000_000_000L));
                    if (o instanceof CounterDelta.Rates r) {
                        assertThat(r.upBps()).isBetween(0.0, 2e10);
                        assertThat(r.downBps()).isBetween(0.0, 2e10);
                    }
                }
            }
        }
    }

    /** An independent reimplementation with BigInteger: the unsigned increase modulo 2^bits. */
    @Test
    void octetsAgreeWithBigIntegerModularArithmetic() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 10_000; i++) {
            int bits = random.nextBoolean() ? 32 : 64;
            long a = bits == 32 ? random.nextLong() & 0xFFFF_FFFFL : random.nextLong();
            long b = bits == 32 ? random.nextLong() & 0xFFFF_FFFFL : random.nextLong();
            java.math.BigInteger mod = java.math.BigInteger.ONE.shiftLeft(bits);
            java.math.BigInteger expected = new java.math.BigInteger(Long.toUnsignedString(b))
                    .subtract(new java.math.BigInteger(Long.toUnsignedString(a))).mod(mod);
            assertThat(CounterDelta.octets(a, b, bits)).isEqualTo(expected.doubleValue());
        }
    }
}
