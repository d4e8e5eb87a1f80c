package io.callready.agent.quality;

import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GradingTest {
    private static final Map<String, Double> GOOD = Map.of(
            "rtt_ms", 40.0, "jitter_up_ms", 2.0, "jitter_down_ms", 3.0,
            "loss_up_ratio", 0.0, "loss_down_ratio", 0.001, "mos", 4.35);

    private static Map<String, Double> with(String name, double value) {
        var m = new java.util.HashMap<>(GOOD);
        m.put(name, value);
        return m;
    }

    private static Grading.Grade grade(Map<String, Double> metrics) {
        return Grading.grade(metrics, Thresholds.DEFAULTS);
    }

    @Test
    void allGoodIsOk() {
        assertThat(grade(GOOD)).isEqualTo(new Grading.Grade(ResultStatus.OK, Grading.ALL_GOOD));
    }

    @Test
    void problematicJitterNamesMetricValueLimitAndLevel() {
        Grading.Grade g = grade(with("jitter_down_ms", 34.2));
        assertThat(g.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(g.reason()).isEqualTo("jitter_down_ms 34.2 > 30 (problematic)");
    }

    @Test
    void acceptableJitterIsDegraded() {
        assertThat(grade(with("jitter_up_ms", 25)).reason()).isEqualTo("jitter_up_ms 25.0 > 20 (acceptable)");
        assertThat(grade(with("jitter_up_ms", 20)).reason()).isEqualTo("jitter_up_ms 20.0 >= 20 (acceptable)");
        assertThat(grade(with("jitter_up_ms", 19.99)).status()).isEqualTo(ResultStatus.OK);
    }

    @Test
    void lossBands() {
        assertThat(grade(with("loss_up_ratio", 0.004)).status()).isEqualTo(ResultStatus.OK);
        assertThat(grade(with("loss_up_ratio", 0.007)).reason()).isEqualTo("loss_up_ratio 0.0070 > 0.005 (acceptable)");
        assertThat(grade(with("loss_down_ratio", 0.02)).reason()).isEqualTo("loss_down_ratio 0.0200 > 0.01 (problematic)");
    }

    @Test
    void rttBandsIncludePoorBetweenAcceptableAndProblematic() {
        assertThat(grade(with("rtt_ms", 120)).reason()).isEqualTo("rtt_ms 120.0 > 100 (acceptable)");
        assertThat(grade(with("rtt_ms", 170)).reason()).isEqualTo("rtt_ms 170.0 > 150 (poor)");
        assertThat(grade(with("rtt_ms", 250)).reason()).isEqualTo("rtt_ms 250.0 > 200 (problematic)");
    }

    @Test
    void mosMustBeAboveFour() {
        assertThat(grade(with("mos", 4.0)).reason()).isEqualTo("mos 4.00 <= 4 (below good)");
        assertThat(grade(with("mos", 4.01)).status()).isEqualTo(ResultStatus.OK);
    }

    @Test
    void everyFindingIsListed() {
        var m = with("jitter_down_ms", 34.2);
        m.put("rtt_ms", 170.0);
        m.put("mos", 3.9);
        assertThat(grade(m).reason())
                .isEqualTo("jitter_down_ms 34.2 > 30 (problematic); rtt_ms 170.0 > 150 (poor); mos 3.90 <= 4 (below good)");
    }

    @Test
    void missingMetricsAreNotGraded() {
        assertThat(grade(Map.of("rtt_ms", 10.0)).status()).isEqualTo(ResultStatus.OK);
    }
}
