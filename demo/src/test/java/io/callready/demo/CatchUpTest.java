package io.callready.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void evaluatorCaughtUpOnlyWhenEverythingBeforeTheStopIsReadAndItIsWithinOneInterval() {
        assertThat(CatchUp.evaluatorCaughtUp(1_000.0, 1_000.0, 10.0, INTERVAL)).isTrue();
        assertThat(CatchUp.evaluatorCaughtUp(1_005.0, 1_000.0, 2.0, INTERVAL)).isTrue();
        assertThat(CatchUp.evaluatorCaughtUp(999.0, 1_000.0, 2.0, INTERVAL)).as("results before the stop unread").isFalse();
        assertThat(CatchUp.evaluatorCaughtUp(1_005.0, 1_000.0, 10.5, INTERVAL)).as("more than one interval behind").isFalse();
    }

    @Test
    void saysWhatDidNotCatchUp() {
        CatchUp none = new CatchUp(Double.NaN, 42.0, Double.NaN, Duration.ofMinutes(3), INTERVAL);
        assertThat(none.evaluator()).isFalse();
        assertThat(none.rollups()).isFalse();
        assertThat(none.describe()).isEqualTo("evaluator did NOT catch up within 180 s after the load stopped (lag 42.0 s); "
                + "rollups had NOT merged every result 180 s after the load stopped");
        CatchUp both = new CatchUp(12.4, 3.0, 61.0, Duration.ofMinutes(3), INTERVAL);
        assertThat(both.describe()).isEqualTo("evaluator caught up 12 s after the load stopped (every result read, lag 3.0 s ≤ 10 s); "
                + "rollups merged every result 61 s after the load stopped");
    }
}
