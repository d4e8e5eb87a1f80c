package io.callready.collector.qos;

import io.callready.collector.problem.ProblemException;
import io.callready.collector.qos.TrafficQuery.Resolution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficQueryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void theWindowChoosesTheTable() {
        assertThat(window(Duration.ofHours(6)).resolution()).isEqualTo(Resolution.RAW);
        assertThat(window(Duration.ofHours(6).plusSeconds(1)).resolution()).isEqualTo(Resolution.FIVE_MINUTES);
        assertThat(window(Duration.ofDays(7)).resolution()).isEqualTo(Resolution.FIVE_MINUTES);
        assertThat(window(Duration.ofDays(7).plusSeconds(1)).resolution()).isEqualTo(Resolution.HOUR);
        assertThat(window(Duration.ofDays(92)).resolution()).isEqualTo(Resolution.HOUR);
    }

    @Test
    void theDefaultIsTheLastDay() {
        TrafficQuery q = TrafficQuery.parse(null, null, NOW);
        assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(q.to()).isEqualTo(NOW);
        assertThat(q.resolution()).isEqualTo(Resolution.FIVE_MINUTES);
    }

    @Test
    void longerThan92DaysOrBackwardsIsRefused() {
        assertThatThrownBy(() -> window(Duration.ofDays(92).plusSeconds(1))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> TrafficQuery.parse(NOW.toString(), NOW.toString(), NOW)).isInstanceOf(ProblemException.class);
    }

    private static TrafficQuery window(Duration d) {
        return TrafficQuery.parse(NOW.minus(d).toString(), NOW.toString(), NOW);
    }
}
