package io.callready.demo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * How long after the load stopped the jobs took to catch up: the evaluator has read every result stored before the
 * stop and lags at most one evaluation interval, the rollup watermark has passed every stored result.
 *
 * @param evaluatorSeconds seconds after the stop; NaN when it did not catch up within {@code timeout}
 * @param lagSeconds       the evaluator's lag when it caught up (or at the timeout)
 */
record CatchUp(double evaluatorSeconds, double lagSeconds, double rollupSeconds, Duration timeout, Duration interval) {

    /** Polls once a second until both caught up or {@code timeout} has passed. */
    static CatchUp await(SustainedMonitor monitor, Duration timeout, Duration interval)
            throws SQLException, IOException, InterruptedException {
        monitor.poll();
        double stoppedAt = monitor.databaseNow();
        long start = System.nanoTime();
        double evaluator = Double.NaN;
        double lag;
        double rollups = Double.NaN;
        while (true) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            lag = monitor.lagSeconds();
            if (Double.isNaN(evaluator) && evaluatorCaughtUp(monitor.evaluatedBefore(), stoppedAt, lag, interval)) {
                evaluator = elapsed;
            }
            if (Double.isNaN(rollups) && monitor.rolledUp()) {
                rollups = elapsed;
            }
            if (!Double.isNaN(evaluator) && !Double.isNaN(rollups) || elapsed > timeout.toSeconds()) {
                return new CatchUp(evaluator, lag, rollups, timeout, interval);
            }
            Thread.sleep(1_000);
            monitor.poll();
        }
    }

    /** Everything stored before the stop has been evaluated, and the evaluator is within one interval of now. */
    static boolean evaluatorCaughtUp(double evaluatedBefore, double stoppedAt, double lagSeconds, Duration interval) {
        return evaluatedBefore >= stoppedAt && lagSeconds <= interval.toMillis() / 1000.0;
    }

    boolean evaluator() {
        return !Double.isNaN(evaluatorSeconds);
    }

    boolean rollups() {
        return !Double.isNaN(rollupSeconds);
    }

    String describe() {
        String evaluation = evaluator()
                ? String.format(Locale.ROOT, "evaluator caught up %.0f s after the load stopped (every result read, lag %.1f s ≤ %d s)",
                evaluatorSeconds, lagSeconds, interval.toSeconds())
                : String.format(Locale.ROOT, "evaluator did NOT catch up within %d s after the load stopped (lag %.1f s)",
                timeout.toSeconds(), lagSeconds);
        String rollup = rollups()
                ? String.format(Locale.ROOT, "rollups merged every result %.0f s after the load stopped", rollupSeconds)
                : String.format(Locale.ROOT, "rollups had NOT merged every result %d s after the load stopped", timeout.toSeconds());
        return evaluation + "; " + rollup;
    }
}
