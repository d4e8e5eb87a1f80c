package io.callready.advice;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdviceSettingsTest {
    private static final AdviceSettings D = AdviceSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(D.bucket()).isEqualTo(Duration.ofMinutes(15));
        assertThat(D.window()).isEqualTo(Duration.ofMinutes(60));
        assertThat(D.days()).isEqualTo(14);
        assertThat(D.shaperFraction()).isEqualTo(0.90);
        assertThat(D.priorityHeadroom()).isEqualTo(0.10);
        assertThat(D.lossBreachRatio()).isEqualTo(0.01);
    }

    @Test
    void rejectsTimeSettingsThatDoNotTileADay() {
        assertThatThrownBy(() -> D.withTime(Duration.ofMinutes(7), Duration.ofMinutes(63), 14))
                .hasMessageStartingWith("bucket:");
        assertThatThrownBy(() -> D.withTime(Duration.ofMillis(1500), Duration.ofMinutes(3), 14))
                .hasMessageStartingWith("bucket:");
        assertThatThrownBy(() -> D.withTime(Duration.ofMinutes(15), Duration.ofMinutes(50), 14))
                .hasMessageStartingWith("window:");
        assertThatThrownBy(() -> D.withTime(Duration.ofMinutes(15), Duration.ofDays(2), 14))
                .hasMessageStartingWith("window:");
        assertThatThrownBy(() -> D.withTime(Duration.ofMinutes(15), Duration.ofMinutes(60), 0))
                .hasMessageStartingWith("days:");
        assertThat(D.withTime(Duration.ofSeconds(30), Duration.ofMinutes(3), 1).window()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void rejectsOutOfRangeTunablesNamingTheField() {
        assertThatThrownBy(() -> D.withMinimums(0, 10)).hasMessageStartingWith("minSamples:");
        assertThatThrownBy(() -> D.withMinimums(30, 0)).hasMessageStartingWith("minLoadedSamples:");
        assertThatThrownBy(() -> new AdviceSettings(D.bucket(), D.window(), 14, 30, 10, 80, 90, 0.01, 30, 0.01, 150,
                3.6, 0.3, 0.25, 0.1, 0.005, 2, 20, 0.2, 0.95, 10, 3, 0.90, 0.10, 32, 75))
                .hasMessageStartingWith("quietUtilisationPct:");
        assertThatThrownBy(() -> new AdviceSettings(D.bucket(), D.window(), 14, 30, 10, 80, 60, 0.01, 30, 0.01, 150,
                3.6, 0.3, 0.25, 0.1, 0.005, 2, 20, 0.2, 0.95, 10, 3, 0.97, 0.10, 32, 75))
                .hasMessageStartingWith("shaperFraction:");
        assertThatThrownBy(() -> new AdviceSettings(D.bucket(), D.window(), 14, 30, 10, 80, 60, 0.01, 30, 0.01, 150,
                3.6, 0.3, 0.25, 0.1, 0.005, 2, 20, 0.2, 1.0, 10, 3, 0.90, 0.10, 32, 75))
                .hasMessageStartingWith("confidenceLevel:");
        assertThatThrownBy(() -> new AdviceSettings(D.bucket(), D.window(), 14, 30, 10, 80, 60, Double.NaN, 30, 0.01,
                150, 3.6, 0.3, 0.25, 0.1, 0.005, 2, 20, 0.2, 0.95, 10, 3, 0.90, 0.10, 32, 75))
                .hasMessageStartingWith("lossBreachRatio:");
    }
}
