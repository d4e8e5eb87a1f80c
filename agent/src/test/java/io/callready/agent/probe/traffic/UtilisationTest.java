package io.callready.agent.probe.traffic;

import io.callready.wire.plan.LineRate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UtilisationTest {
    @Test
    void theContractedRateWinsOverThePortSpeed() {
        Utilisation u = Utilisation.of(1_800_000, 5_000_000, new LineRate(2_000_000L, 20_000_000L), 1_000_000_000L);
        assertThat(u.source()).isEqualTo("contracted");
        assertThat(u.upPct()).isEqualTo(90.0);
        assertThat(u.downPct()).isEqualTo(25.0);
    }

    @Test
    void withoutAContractThePortSpeedIsTheLine() {
        Utilisation u = Utilisation.of(10_000_000, 1_000_000, null, 100_000_000L);
        assertThat(u.source()).isEqualTo("port");
        assertThat(u.upPct()).isEqualTo(10.0);
        assertThat(u.downPct()).isEqualTo(1.0);
    }

    @Test
    void withNeitherThereIsNoUtilisation() {
        Utilisation u = Utilisation.of(10, 10, null, null);
        assertThat(u.source()).isNull();
        assertThat(u.upPct()).isNull();
        assertThat(u.problem()).isNull();
    }

    @Test
    void aLineFasterThanContractedMayExceedAHundredButNotTenfold() {
        assertThat(Utilisation.of(2_400_000, 0, new LineRate(2_000_000L, 2_000_000L), null).upPct()).isEqualTo(120.0);
        Utilisation wrong = Utilisation.of(30_000_000, 0, new LineRate(2_000_000L, 2_000_000L), null);
        assertThat(wrong.upPct()).isNull();
        assertThat(wrong.problem()).contains("more than ten times the contracted line rate", "lineRate");
    }
}
