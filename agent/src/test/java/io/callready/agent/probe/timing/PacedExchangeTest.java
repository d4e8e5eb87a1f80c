package io.callready.agent.probe.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacedExchangeTest {
    private static final long MONO_NOW = 5_000_000_000L;
    private static final long EPOCH_NOW = 1_790_000_000_000_000_000L;

    @Test
    void aKernelArrivalKeepsItsAgeOnTheMonotonicScale() {
        assertThat(PacedExchange.monotonicArrival(EPOCH_NOW - 7_250_000, MONO_NOW, EPOCH_NOW)).isEqualTo(MONO_NOW - 7_250_000);
    }

    @Test
    void anArrivalStampedAfterNowByAClockStepIsNow() {
        assertThat(PacedExchange.monotonicArrival(EPOCH_NOW + 3_000_000, MONO_NOW, EPOCH_NOW)).isEqualTo(MONO_NOW);
    }

    @Test
    void withoutAKernelTimeTheArrivalIsNow() {
        assertThat(PacedExchange.monotonicArrival(-1, MONO_NOW, EPOCH_NOW)).isEqualTo(MONO_NOW);
    }
}
