package io.callready.agent.probe.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer's contract, not its precision (a loaded machine decides that; {@code ./callready bench} measures it):
 * never early, and a deadline already past returns at once, so a stall is caught up instead of shifting
 * every later packet.
 */
class PacerTest {

    @Test
    void neverReturnsBeforeTheDeadline() {
        Pacer pacer = new Pacer();
        long step = 2_000_000L;
        long origin = System.nanoTime();
        for (int i = 1; i <= 20; i++) {
            long due = origin + i * step;
            assertThat(pacer.awaitUntil(due)).isTrue();
            assertThat(System.nanoTime() - due).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aDeadlineInThePastDoesNotWait() {
        Pacer pacer = new Pacer();
        long origin = System.nanoTime() - 100_000_000L;
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.awaitUntil(origin + i * 20_000_000L)).isTrue();
        }
        // nothing parked, so nothing was learnt: the catch-up did not sleep
        assertThat(pacer.oversleepNanos()).isEqualTo(Pacer.INITIAL_OVERSLEEP_NANOS);
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
    void learnsHowLateParkingWakesUp() {
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        for (int i = 1; i <= 30; i++) {
            pacer.awaitUntil(origin + i * 2_000_000L);
        }
        assertThat(pacer.oversleepNanos()).isPositive().isLessThanOrEqualTo(500_000L);
    }
}
