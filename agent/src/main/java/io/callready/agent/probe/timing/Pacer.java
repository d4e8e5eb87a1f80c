package io.callready.agent.probe.timing;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for absolute {@link System#nanoTime()} deadlines for one sending thread. Parking oversleeps by tens of
 * microseconds (timer slack, wake-up latency), and spinning through a fixed safety margin would cost much of a
 * burst's CPU budget, so the pacer tracks the 80th percentile of how late its parks wake up and parks that much
 * short of the deadline: most waits then end with a spin of a few microseconds, and an occasional stall of a
 * loaded machine moves the estimate by only a step. Deadlines come from a fixed origin, so lateness never
 * accumulates, and a deadline already past returns at once.
 */
public final class Pacer {
    /** A first guess at park's oversleep on Linux: its default timer slack. */
    static final long INITIAL_OVERSLEEP_NANOS = 50_000;
    private static final double QUANTILE = 0.8;
    private static final long STEP_NANOS = 4_000;
    private static final long MAX_OVERSLEEP_NANOS = 500_000;

    private long oversleepNanos = INITIAL_OVERSLEEP_NANOS;

    /** @return false if the thread was interrupted while waiting */
    public boolean awaitUntil(long deadlineNanos) {
        while (true) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            long park = remaining - oversleepNanos;
            if (park > 0) {
                long before = System.nanoTime();
                LockSupport.parkNanos(park);
                learn(System.nanoTime() - before - park);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Stochastic quantile tracking: up by q·step when a park woke later than the estimate, down by (1 − q)·step otherwise. */
    private void learn(long lateNanos) {
        if (lateNanos > oversleepNanos) {
            oversleepNanos = Math.min(MAX_OVERSLEEP_NANOS, oversleepNanos + (long) (QUANTILE * STEP_NANOS));
        } else {
            oversleepNanos = Math.max(0, oversleepNanos - (long) ((1 - QUANTILE) * STEP_NANOS));
        }
    }

    long oversleepNanos() {
        return oversleepNanos;
    }
}
