package io.callready.collector.alert;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.callready.collector.alert.Threshold.CLEAR;
import static io.callready.collector.alert.Threshold.CRITICAL_LEVEL;
import static io.callready.collector.alert.Threshold.HYSTERESIS_BAND;
import static io.callready.collector.alert.Threshold.WARNING_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

class ThresholdTest {
    @Test
    void defaultsAreTheDomainTable() {
        assertThat(AlertMetric.JITTER_MS.defaults()).isEqualTo(new Threshold(AlertMetric.JITTER_MS, 20, 30));
        assertThat(AlertMetric.LOSS_RATIO.defaults()).isEqualTo(new Threshold(AlertMetric.LOSS_RATIO, 0.005, 0.01));
        assertThat(AlertMetric.RTT_MS.defaults()).isEqualTo(new Threshold(AlertMetric.RTT_MS, 150, 200));
        assertThat(AlertMetric.MOS.defaults()).isEqualTo(new Threshold(AlertMetric.MOS, 4.0, 3.6));
    }

    @Test
    void levelsForHigherIsWorse() {
        Threshold jitter = AlertMetric.JITTER_MS.defaults();
        assertThat(jitter.levelOf(31, 0.1)).isEqualTo(CRITICAL_LEVEL);
        assertThat(jitter.levelOf(30, 0.1)).as("30 ms is still acceptable").isEqualTo(WARNING_LEVEL);
        assertThat(jitter.levelOf(20.5, 0.1)).isEqualTo(WARNING_LEVEL);
        assertThat(jitter.levelOf(19, 0.1)).as("inside 18..20").isEqualTo(HYSTERESIS_BAND);
        assertThat(jitter.levelOf(17.9, 0.1)).isEqualTo(CLEAR);
    }

    @Test
    void levelsForMosWhereLowerIsWorse() {
        Threshold mos = AlertMetric.MOS.defaults();
        assertThat(mos.levelOf(3.5, 0.1)).isEqualTo(CRITICAL_LEVEL);
        assertThat(mos.levelOf(3.9, 0.1)).isEqualTo(WARNING_LEVEL);
        assertThat(mos.levelOf(4.0, 0.1)).isEqualTo(HYSTERESIS_BAND);
        assertThat(mos.levelOf(4.41, 0.1)).isEqualTo(CLEAR);
    }

    @Test
    void metricsAreReadFromTheWorseDirection() {
        Map<String, Double> m = Map.of("jitter_up_ms", 12.0, "jitter_down_ms", 33.0, "loss_up_ratio", 0.02,
                "mos_up", 4.2, "mos_down", 3.7, "rtt_ms", 80.0);
        assertThat(AlertMetric.JITTER_MS.read(m)).hasValue(33.0);
        assertThat(AlertMetric.LOSS_RATIO.read(m)).hasValue(0.02);
        assertThat(AlertMetric.MOS.read(m)).hasValue(3.7);
        assertThat(AlertMetric.MOS.read(Map.of("mos", 4.1, "mos_down", 3.0))).hasValue(4.1);
        assertThat(AlertMetric.RTT_MS.read(Map.of())).isEmpty();
    }

    @Test
    void inconsistentPairsAreExplained() {
        assertThat(new Threshold(AlertMetric.JITTER_MS, 30, 20).problem()).isEqualTo("critical must be at least warning");
        assertThat(new Threshold(AlertMetric.MOS, 3.6, 4.0).problem()).contains("lower MOS is worse");
        assertThat(new Threshold(AlertMetric.RTT_MS, Double.NaN, 200).problem()).contains("numbers");
        assertThat(new Threshold(AlertMetric.RTT_MS, 120, 180).problem()).isNull();
    }

    @Test
    void valuesAMetricCannotTakeAreRefusedOnTheirField() {
        assertThat(new Threshold(AlertMetric.MOS, 9, 8).problem("mos").field()).isEqualTo("mos.warning");
        assertThat(new Threshold(AlertMetric.MOS, 4.0, 0.9).problem("mos").field()).isEqualTo("mos.critical");
        assertThat(new Threshold(AlertMetric.LOSS_RATIO, 0.5, 1.5).problem("loss_ratio").field()).isEqualTo("loss_ratio.critical");
        assertThat(new Threshold(AlertMetric.JITTER_MS, -1, 30).problem("jitter_ms").field()).isEqualTo("jitter_ms.warning");
        assertThat(new Threshold(AlertMetric.RTT_MS, 150, -200).problem("rtt_ms").message()).contains("between 0 and 60000");
        assertThat(new Threshold(AlertMetric.MOS, 4.5, 1).problem("mos")).isNull();
        assertThat(new Threshold(AlertMetric.LOSS_RATIO, 0, 1).problem("loss_ratio")).isNull();
        for (AlertMetric m : AlertMetric.values()) {
            assertThat(m.defaults().problem()).as(m.wireName()).isNull();
        }
    }

    @Test
    void aBindingLifetimeIsReadOnlyWhereTheSearchFoundAnExpiry() {
        assertThat(AlertMetric.UDP_BINDING_LIFETIME_MS.read(Map.of("binding_survived_two_way_ms", 45_000.0,
                "binding_survived_one_way_ms", 45_000.0, "binding_cap_ms", 45_000.0))).as("capped, nothing expired").isEmpty();
        assertThat(AlertMetric.UDP_BINDING_LIFETIME_MS.read(Map.of("binding_survived_two_way_ms", 1_800_000.0,
                "binding_survived_one_way_ms", 35_000.0, "binding_expired_one_way_ms", 40_000.0))).hasValue(35_000.0);
        assertThat(AlertMetric.UDP_BINDING_LIFETIME_MS.read(Map.of("binding_survived_two_way_ms", 20_000.0,
                "binding_expired_two_way_ms", 25_000.0, "binding_survived_one_way_ms", 35_000.0,
                "binding_expired_one_way_ms", 40_000.0))).hasValue(20_000.0);
        assertThat(AlertMetric.UDP_BINDING_LIFETIME_MS.sourceKeys()).as("the evaluator must read the expired keys too")
                .contains("binding_expired_two_way_ms", "binding_expired_one_way_ms");
    }
}
