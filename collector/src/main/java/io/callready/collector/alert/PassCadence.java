package io.callready.collector.alert;

import io.callready.collector.jobs.JobLease;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a scheduled evaluation run starts: every half of {@code callready.alerts.evaluate-every}, so that a result
 * waits at most about one interval for its evaluation. A run every whole interval left the results that arrived
 * just after one run's page waiting a whole interval for the next, and then for that run's first page: under
 * sustained ingest the lag after a pass reached 15.5 s with a 10 s interval (issue 15). A run whose first pass found
 * the lock held (another collector's pass) has not used its slot: it tries again on the next tick, so that results
 * stored during the other pass wait for that pass to end, not for a further half interval (two collectors on one
 * database reached 10.1 s with a 10 s interval when a miss spent the slot). Not thread-safe: only the scheduler's one
 * (non-concurrent) tick calls it.
 */
final class PassCadence {
    /** Passes one run makes back to back while results wait beyond the page it read. */
    static final int MAX_PAGES_PER_RUN = 10;
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

    /**
     * One scheduler tick at {@code nowNanos}: when a run is due, evaluates page after page while a backlog waits
     * (at most {@link #MAX_PAGES_PER_RUN}). The slot counts as used when a pass ran or failed, not when the first
     * pass found the lock held.
     *
     * @return the passes that ran in this tick
     * @throws RuntimeException what a pass threw, after the slot is counted as used (so a failing database is not
     *                          retried every tick)
     */
    int tick(long nowNanos, Pass pass) {
        if (!due(nowNanos)) {
            return 0;
        }
        boolean ran;
        try {
            ran = pass.evaluate();
        } catch (RuntimeException e) {
            started(nowNanos);
            throw e;
        }
        if (!ran) {
            return 0;
        }
        started(nowNanos);
        int pages = 1;
        while (pages < MAX_PAGES_PER_RUN && pass.backlogWaits() && pass.evaluate()) {
            pages++;
        }
        return pages;
    }

    /** What a tick runs: {@link AlertEvaluator}'s pass and whether its page left results waiting. */
    interface Pass {
        /** @return false when another pass held the lock */
        boolean evaluate();

        boolean backlogWaits();
    }
}
