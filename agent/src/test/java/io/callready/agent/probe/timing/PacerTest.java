package io.callready.agent.probe.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void absoluteScheduleDoesNotDrift() {
        long step = 10_000_000L;
        long origin = System.nanoTime();
        long worstLateness = 0;
        for (int i = 0; i < 20; i++) {
            long due = origin + i * step;
            assertThat(Pacer.awaitUntil(due)).isTrue();
            long lateness = System.nanoTime() - due;
            assertThat(lateness).isGreaterThanOrEqualTo(0);
            worstLateness = Math.max(worstLateness, lateness);
        }
        // no accumulation: even the last deadline is met within one step on a busy machine
        assertThat(worstLateness).isLessThan(step);
    }

    @Test
    void interruptStopsTheWait() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Pacer.awaitUntil(System.nanoTime() + 1_000_000_000L)).isFalse();
        } finally {
            Thread.interrupted();
        }
    }
}
