package io.callready.agent.probe.timing;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for absolute {@link System#nanoTime()} deadlines: parks until shortly before the deadline, then spins,
 * because parking alone oversleeps by tens to hundreds of microseconds. Deadlines come from a fixed origin, so
 * lateness never accumulates.
 */
public final class Pacer {
    static final long SPIN_NANOS = 200_000;

    private Pacer() {
    }

    /** @return false if the thread was interrupted while waiting */
    public static boolean awaitUntil(long deadlineNanos) {
        while (true) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
