package io.callready.agent.probe.timing;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer's contract, not its precision (a loaded machine decides that; {@code ./callready bench} measures it):
 * never earlier than its lead, a deadline already past returns at once (a stall is caught up instead of shifting
 * every later packet), and the lead centres the wake-up spread it has seen on the deadline.
 */
class PacerTest {

    @Test
    void neverReturnsEarlierThanItsLead() {
        Pacer pacer = new Pacer();
        long step = 2_000_000L;
        long origin = System.nanoTime();
        for (int i = 1; i <= 40; i++) {
            long due = origin + i * step;
            long lead = pacer.leadNanos();
            assertThat(pacer.awaitUntil(due)).isTrue();
            assertThat(System.nanoTime() - (due - lead)).isGreaterThanOrEqualTo(0);
            assertThat(lead).isBetween(0L, Pacer.MAX_LEAD_NANOS);
        }
    }

    @Test
    void aDeadlineInThePastDoesNotWaitOrLearn() {
        Pacer pacer = new Pacer();
        long lead = pacer.leadNanos();
        long origin = System.nanoTime() - 100_000_000L;
        for (int i = 0; i < 40; i++) {
            assertThat(pacer.awaitUntil(origin + i * 2_000_000L)).isTrue();
        }
        assertThat(pacer.leadNanos()).isEqualTo(lead);
    }

    @Test
    void interruptStopsTheWait() {
        Pacer pacer = new Pacer();
        Thread.currentThread().interrupt();
        try {
            assertThat(pacer.awaitUntil(System.nanoTime() + 1_000_000_000L)).isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theLeadCentresTheNarrowestRangeHoldingNinetyNinePercent() {
        // 101 values 40, 43.6 … 400 µs: 100 must be covered, the narrowest such run is either end's; the first wins
        long[] uniform = LongStream.rangeClosed(0, 100).map(i -> 40_000 + i * 3_600).toArray();
        assertThat(Pacer.centredLead(uniform, uniform.length)).isEqualTo((40_000 + 40_000 + 99 * 3_600) / 2);

        // one very late wake-up in 100: the range leaves it out and centres on the other 99
        long[] skewed = LongStream.range(0, 100).map(i -> i < 99 ? 50_000 + i * 100 : 2_000_000).toArray();
        assertThat(Pacer.centredLead(skewed, skewed.length)).isEqualTo((50_000 + 50_000 + 98 * 100) / 2);

        long[] steady = new long[50];
        java.util.Arrays.fill(steady, 12_000);
        assertThat(Pacer.centredLead(steady, steady.length)).isEqualTo(12_000);
    }

    @Test
    void oneStallDoesNotMoveTheLead() {
        long[] withStall = new long[256];
        java.util.Arrays.fill(withStall, 0, 255, 50_000);
        withStall[255] = 20_000_000;
        assertThat(Pacer.centredLead(withStall, withStall.length)).isEqualTo(50_000);
    }

    @Test
    void theLeadIsBounded() {
        long[] huge = new long[20];
        java.util.Arrays.fill(huge, 30_000_000);
        assertThat(Pacer.centredLead(huge, huge.length)).isEqualTo(Pacer.MAX_LEAD_NANOS);
    }
}
