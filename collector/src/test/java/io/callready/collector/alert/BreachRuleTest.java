package io.callready.collector.alert;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.callready.collector.alert.Threshold.CLEAR;
import static io.callready.collector.alert.Threshold.CRITICAL_LEVEL;
import static io.callready.collector.alert.Threshold.HYSTERESIS_BAND;
import static io.callready.collector.alert.Threshold.WARNING_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BreachRuleTest {
    private static final Optional<Severity> NONE = Optional.empty();
    private final BreachRule threeOfFive = new BreachRule(3, 5, 3);

    @Test
    void firesWhenXOfTheLastYBreach() {
        assertThat(threeOfFive.decide(NONE, new int[] {WARNING_LEVEL, CLEAR, WARNING_LEVEL, CLEAR})).isEmpty();
        assertThat(threeOfFive.decide(NONE, new int[] {WARNING_LEVEL, CLEAR, WARNING_LEVEL, CLEAR, WARNING_LEVEL})).contains(Severity.WARNING);
        // The oldest breach has left the window of five.
        assertThat(threeOfFive.decide(NONE, new int[] {WARNING_LEVEL, CLEAR, WARNING_LEVEL, CLEAR, CLEAR, WARNING_LEVEL})).isEmpty();
    }

    @Test
    void nConsecutiveIsCountEqualToWindow() {
        BreachRule consecutive = new BreachRule(3, 3, 1);
        assertThat(consecutive.decide(NONE, new int[] {WARNING_LEVEL, WARNING_LEVEL, CLEAR, WARNING_LEVEL, WARNING_LEVEL})).isEmpty();
        assertThat(consecutive.decide(NONE, new int[] {CLEAR, WARNING_LEVEL, WARNING_LEVEL, WARNING_LEVEL})).contains(Severity.WARNING);
    }

    @Test
    void criticalNeedsEnoughCriticalSamplesAndFallsBackToWarning() {
        int[] mixed = {CRITICAL_LEVEL, WARNING_LEVEL, CRITICAL_LEVEL, WARNING_LEVEL};
        assertThat(threeOfFive.decide(NONE, mixed)).contains(Severity.WARNING);
        assertThat(threeOfFive.decide(NONE, new int[] {CRITICAL_LEVEL, CRITICAL_LEVEL, WARNING_LEVEL, CRITICAL_LEVEL})).contains(Severity.CRITICAL);
        assertThat(threeOfFive.decide(Optional.of(Severity.CRITICAL), new int[] {CRITICAL_LEVEL, WARNING_LEVEL, WARNING_LEVEL, WARNING_LEVEL, WARNING_LEVEL}))
                .contains(Severity.WARNING);
    }

    @Test
    void resolvesOnlyAfterConsecutiveClearSamplesOutsideTheHysteresisBand() {
        Optional<Severity> firing = Optional.of(Severity.WARNING);
        assertThat(threeOfFive.decide(firing, new int[] {WARNING_LEVEL, WARNING_LEVEL, CLEAR, CLEAR})).contains(Severity.WARNING);
        assertThat(threeOfFive.decide(firing, new int[] {WARNING_LEVEL, CLEAR, HYSTERESIS_BAND, CLEAR, CLEAR})).contains(Severity.WARNING);
        assertThat(threeOfFive.decide(firing, new int[] {HYSTERESIS_BAND, HYSTERESIS_BAND, HYSTERESIS_BAND, HYSTERESIS_BAND, HYSTERESIS_BAND}))
                .as("hovering just under the threshold neither resolves nor re-fires").contains(Severity.WARNING);
        assertThat(threeOfFive.decide(firing, new int[] {WARNING_LEVEL, WARNING_LEVEL, CLEAR, CLEAR, CLEAR})).isEmpty();
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> new BreachRule(4, 3, 1)).hasMessageContaining("4 of 3");
        assertThatThrownBy(() -> new BreachRule(0, 3, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
