package io.callready.collector.alert;

import io.callready.collector.jobs.JobLease;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a scheduled evaluation run starts: every half of {@code callready.alerts.evaluate-every}, so that a result
 * waits at most about one interval for its evaluation. A run every whole interval left the results that arrived
 * just after one run's page waiting a whole interval for the next, and then for that run's first page: under
 * sustained ingest the lag after a pass reached 15.5 s with a 10 s interval (issue 15). Not thread-safe: only the
 * scheduler's one (non-concurrent) tick calls it.
 */
final class PassCadence {
    private static final long OFF = Long.MAX_VALUE;
    private final long everyNanos;
    private long lastStartNanos;
    private boolean started;

    private PassCadence(long everyNanos) {
        this.everyNanos = everyNanos;
    }

    /**
     * The cadence for the configured interval; "off" never starts a run.
     *
     * @throws IllegalArgumentException naming the key when the interval is neither "off" nor a positive duration
     */
    static PassCadence of(String evaluateEvery) {
        Optional<Duration> every;
        try {
            every = JobLease.intervalUnlessOff(evaluateEvery);
        } catch (RuntimeException e) {
            every = Optional.of(Duration.ZERO);
        }
        if (every.isEmpty()) {
            return new PassCadence(OFF);
        }
        if (every.get().isNegative() || every.get().isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "callready.alerts.evaluate-every: '%s' is neither \"off\" nor a positive duration such as 10s", evaluateEvery));
        }
        return new PassCadence(every.get().toNanos() / 2);
    }

    /** Whether a run is due at {@code nowNanos} ({@link System#nanoTime}); the first tick always is. */
    boolean due(long nowNanos) {
        return everyNanos != OFF && (!started || nowNanos - lastStartNanos >= everyNanos);
    }

    /** A run started at {@code nowNanos}. */
    void started(long nowNanos) {
        lastStartNanos = nowNanos;
        started = true;
    }
}
