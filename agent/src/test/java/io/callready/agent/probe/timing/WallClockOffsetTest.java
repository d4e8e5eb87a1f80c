package io.callready.agent.probe.timing;

import org.junit.jupiter.api.Test;

import java.util.PrimitiveIterator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockOffsetTest {
    private static final long EPOCH = 1_790_000_000_000_000_000L;

    /** Monotonic readings in the order given, and a wall clock that is always {@code offset} ahead of the last one. */
    private static WallClockOffset read(long offset, long... monotonic) {
        PrimitiveIterator.OfLong mono = LongStream.of(monotonic).iterator();
        long[] last = {0};
        return WallClockOffset.measure(() -> last[0] + offset, () -> last[0] = mono.nextLong());
    }

    @Test
    void theNarrowestBracketWins() {
        // five tries: the third has the monotonic readings 40 ns apart; the others were preempted for milliseconds
        WallClockOffset o = read(EPOCH, 0, 3_000_000, 3_000_100, 5_000_000, 5_000_200, 5_000_240, 6_000_000, 9_000_000,
                9_000_100, 12_000_000);
        assertThat(o.errorNanos()).isEqualTo(20);
        assertThat(o.offsetNanos()).isEqualTo(EPOCH + 5_000_200 - 5_000_220);
    }

    @Test
    void aSteadyClockIsNoStep() {
        WallClockOffset before = new WallClockOffset(EPOCH, 50);
        assertThat(before.stepUntil(new WallClockOffset(EPOCH + 9_000, 50))).isZero();
        assertThat(before.stepUntil(new WallClockOffset(EPOCH - 9_000, 50))).isZero();
    }

    @Test
    void aStepEitherWayIsReportedWithItsSize() {
        WallClockOffset before = new WallClockOffset(EPOCH, 50);
        assertThat(before.stepUntil(new WallClockOffset(EPOCH - 250_000_000, 50))).isEqualTo(-250_000_000);
        assertThat(before.stepUntil(new WallClockOffset(EPOCH + 1_000_000, 50))).isEqualTo(1_000_000);
    }

    @Test
    void aWideReadingNeedsALargerChangeToCountAsAStep() {
        WallClockOffset wide = new WallClockOffset(EPOCH, 400_000);
        assertThat(wide.stepUntil(new WallClockOffset(EPOCH + 300_000, 50))).isZero();
    }

    @Test
    void theRealClocksShowNoStepOverAShortWait() throws Exception {
        WallClockOffset before = WallClockOffset.measure(io.callready.wire.net.EpochClock::nowNanos, System::nanoTime);
        Thread.sleep(20);
        WallClockOffset after = WallClockOffset.measure(io.callready.wire.net.EpochClock::nowNanos, System::nanoTime);
        assertThat(before.stepUntil(after)).isZero();
    }
}
