package io.callready.agent.probe.timing;

import io.callready.wire.net.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for absolute {@link System#nanoTime()} deadlines for one sending thread, without spinning. A timed park
 * wakes up late by a spread that belongs to the machine (tens of microseconds on bare metal; on a small virtual
 * machine 40 µs typically and 0.4 ms at the 99th percentile). Spinning through that spread would cost more CPU
 * than the burst's sends, so the pacer instead aims each sleep at the deadline minus a lead chosen to centre the
 * observed spread on the deadline: the lead is the centre of the narrowest range holding 99 % of the recent
 * wake-up lateness values, which makes the 99th-percentile send error half that range, the least it can be. Deadlines come from a fixed
 * origin, so errors never accumulate, and a deadline already past returns at once. What one pacer learns is kept
 * for the next, since it describes the machine rather than the burst. The wait is one absolute
 * {@code clock_nanosleep} where libc is at hand (no JVM lock around it), else a park; an interrupt is seen at
 * the next deadline at the latest.
 */
public final class Pacer {
    static final long INITIAL_LEAD_NANOS = 100_000;
    static final long MAX_LEAD_NANOS = 1_000_000;
    private static final int WINDOW = 256;
    private static final int REFIT_EVERY = 32;
    private static final int MIN_SAMPLES = 16;
    private static volatile long learnedLeadNanos = INITIAL_LEAD_NANOS;

    private final long[] lateness = new long[WINDOW];
    private final long[] sorted = new long[WINDOW];
    private final MemorySegment timespec = Arena.ofAuto().allocate(16, 8);
    private int samples;
    private long leadNanos = learnedLeadNanos;

    /** @return false if the thread was interrupted while waiting */
    public boolean awaitUntil(long deadlineNanos) {
        long target = deadlineNanos - leadNanos;
        boolean parked = false;
        while (true) {
            long now = System.nanoTime();
            if (now - target >= 0) {
                if (parked) {
                    learn(now - target);
                }
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (!Libc.sleepUntilMonotonic(target, timespec)) {
                LockSupport.parkNanos(target - now);
            }
            parked = true;
        }
    }

    private void learn(long latenessNanos) {
        lateness[samples % WINDOW] = latenessNanos;
        samples++;
        if (samples >= MIN_SAMPLES && (samples == MIN_SAMPLES || samples % REFIT_EVERY == 0)) {
            int n = Math.min(samples, WINDOW);
            System.arraycopy(lateness, 0, sorted, 0, n);
            Arrays.sort(sorted, 0, n);
            leadNanos = centredLead(sorted, n);
            learnedLeadNanos = leadNanos;
        }
    }

    /**
     * The lead that centres wake-ups with these lateness values (ascending, first {@code n}) on the deadline: the
     * centre of the narrowest run of ⌈0.99 n⌉ consecutive values.
     */
    static long centredLead(long[] ascending, int n) {
        int k = (int) Math.ceil(0.99 * n);
        int best = 0;
        for (int i = 1; i + k <= n; i++) {
            if (ascending[i + k - 1] - ascending[i] < ascending[best + k - 1] - ascending[best]) {
                best = i;
            }
        }
        return Math.clamp((ascending[best] + ascending[best + k - 1]) / 2, 0, MAX_LEAD_NANOS);
    }

    long leadNanos() {
        return leadNanos;
    }
}
