package io.callready.collector.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code callready.alerts.*}: how breaches become alerts and how often they are announced. */
@ConfigMapping(prefix = "callready.alerts")
public interface AlertConfig {
    /** Longest a result waits for its evaluation while the evaluator keeps up (runs start every half of it, {@link PassCadence}); "off" disables the schedule. */
    @WithDefault("10s")
    String evaluateEvery();

    /** Lag after a pass beyond which, for several passes in a row, readiness names the evaluator's lag ({@link EvaluationLag}). */
    @WithDefault("10S")
    Duration lagBound();

    /** An alert fires when at least this many of the last {@link #breachWindow()} samples breach. */
    @WithDefault("3")
    int breachCount();

    /** Samples looked at for {@link #breachCount()}; equal to it means "N consecutive". */
    @WithDefault("5")
    int breachWindow();

    /** A firing alert resolves after this many consecutive samples outside the hysteresis band. */
    @WithDefault("3")
    int clearCount();

    /** Clear level = warning threshold moved this fraction towards "good" (0.1: jitter clears below 18 ms). */
    @WithDefault("0.1")
    double hysteresisRatio();

    /** A still-firing alert is announced again after this long. */
    @WithDefault("4H")
    Duration repeatInterval();

    /** A new quality alert waits this long before its first message, so a cross-site incident can absorb it. */
    @WithDefault("30S")
    Duration groupWait();

    /** An agent is offline after this many plan intervals without a result. */
    @WithDefault("3")
    int offlineIntervals();

    /** Plan interval assumed when recent results carry no {@code interval} label. */
    @WithDefault("5M")
    Duration defaultPlanInterval();

    /** Sites of one target that must breach within {@link #incidentWindow()} to raise one incident. */
    @WithDefault("3")
    int incidentMinSites();

    @WithDefault("10M")
    Duration incidentWindow();
}
