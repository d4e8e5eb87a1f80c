package io.callready.collector.alert;

import io.callready.collector.jobs.JobHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the alert evaluation is behind ingest, after each pass: from the receipt time up to which every result is
 * now evaluated (the cursor) to the end of the pass. Shown as {@code callready_alerts_evaluation_lag_seconds}; after
 * {@link #PASSES_BEFORE_REPORTED} passes in a row beyond {@code callready.alerts.lag-bound} the readiness check's data
 * names the lag ({@link JobHealth#behind}). Readiness stays UP: falling behind under load is not a failure, and
 * readiness flapping with load would take a busy collector out of its service.
 */
@ApplicationScoped
public class EvaluationLag {
    static final int PASSES_BEFORE_REPORTED = 3;

    @Inject
    AlertConfig config;
    @Inject
    JobHealth health;

    private final AtomicLong lagMicros = new AtomicLong();
    /** When the last pass ended ({@link System#nanoTime}), for {@link #behind()}. */
    private volatile long passedAtNanos;
    private volatile boolean overHalfBound;
    private int passesBeyond;

    @Inject
    void registerGauge(MeterRegistry registry) {
        Gauge.builder("callready.alerts.evaluation.lag", lagMicros, micros -> micros.get() / 1e6).baseUnit("seconds")
                .description("Age of the newest receipt time up to which every result was evaluated, at the end of the last pass")
                .register(registry);
    }

    /**
     * Whether ingest should hold back (see {@code ingest.BehindGate}): the last pass, if it ended within three lag
     * bounds, was more than half the bound behind. Half, so that the lag turns before it reaches the bound; a pass that
     * ended long ago (another collector now takes the passes) says nothing about now.
     */
    public boolean behind() {
        return overHalfBound && System.nanoTime() - passedAtNanos < config.lagBound().multipliedBy(3).toNanos();
    }

    public synchronized void passed(Duration lag) {
        lagMicros.set(Math.max(0, lag.toNanos() / 1_000));
        overHalfBound = lag.compareTo(config.lagBound().dividedBy(2)) > 0;
        passedAtNanos = System.nanoTime();
        passesBeyond = lag.compareTo(config.lagBound()) > 0 ? passesBeyond + 1 : 0;
        if (passesBeyond >= PASSES_BEFORE_REPORTED) {
            health.behind(JobHealth.ALERT_EVALUATION, String.format(Locale.ROOT, "%.1f s behind the newest results after %d passes beyond %d s",
                    lag.toMillis() / 1e3, passesBeyond, config.lagBound().toSeconds()));
        } else {
            health.caughtUp(JobHealth.ALERT_EVALUATION);
        }
    }
}
