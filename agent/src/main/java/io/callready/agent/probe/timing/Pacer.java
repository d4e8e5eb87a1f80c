package io.callready.agent.probe.timing;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for absolute {@link System#nanoTime()} deadlines for one sending thread. Parking oversleeps by tens of
 * microseconds (timer slack, wake-up latency), and spinning through that margin would cost the CPU budget of a
 * whole burst, so the pacer learns how late its parks wake up and parks that much short of the deadline,
 * spinning only for what is left. Deadlines come from a fixed origin, so lateness never accumulates, and a
 * deadline already past returns at once.
 */
public final class Pacer {
    /** A first guess at park's oversleep on Linux: its default timer slack. */
    static final long INITIAL_OVERSLEEP_NANOS = 50_000;
    /** Wake this much before the learnt oversleep says, so most sends spin briefly instead of going late. */
    static final long MARGIN_NANOS = 20_000;
    /** A loaded machine can wake a park milliseconds late; learning that would turn every wait into a spin. */
    private static final long MAX_OVERSLEEP_NANOS = 200_000;
    private static final int LEARNING_SHIFT = 3;

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
            long park = remaining - oversleepNanos - MARGIN_NANOS;
            if (park > 0) {
                long before = System.nanoTime();
                LockSupport.parkNanos(park);
                learn(System.nanoTime() - before - park);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Moving average (gain 1/8) of how late a park woke; an early (spurious) wake-up teaches nothing. */
    private void learn(long lateNanos) {
        if (lateNanos >= 0) {
            oversleepNanos += (Math.min(lateNanos, MAX_OVERSLEEP_NANOS) - oversleepNanos) >> LEARNING_SHIFT;
        }
    }

    long oversleepNanos() {
        return oversleepNanos;
    }
}
