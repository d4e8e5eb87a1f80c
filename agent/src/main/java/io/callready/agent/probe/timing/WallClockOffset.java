package io.callready.agent.probe.timing;

import java.util.function.LongSupplier;

/**
 * How far the wall clock (CLOCK_REALTIME: what the kernel stamps arrivals with, and what T1 is read from) is ahead
 * of {@link System#nanoTime()}. NTP and chrony slew both clocks at the same rate, so this offset moves only when the
 * wall clock is stepped (a chrony or ntpd step, a manual {@code date}, a leap second). Reading it before and after a
 * burst tells whether the burst's wall-clock stamps are comparable with each other.
 *
 * @param offsetNanos wall − monotonic, nanoseconds
 * @param errorNanos  how far off the reading may be: half the time the two monotonic readings around the wall-clock
 *                    reading were apart
 */
public record WallClockOffset(long offsetNanos, long errorNanos) {
    /** A change smaller than this (plus the readings' own error) is reading noise, not a step. */
    public static final long STEP_TOLERANCE_NANOS = 10_000;
    private static final int TRIES = 5;

    /** The narrowest of a few readings of the wall clock bracketed by two monotonic readings. */
    public static WallClockOffset measure(LongSupplier wallNanos, LongSupplier monotonicNanos) {
        WallClockOffset best = null;
        for (int i = 0; i < TRIES; i++) {
            long before = monotonicNanos.getAsLong();
            long wall = wallNanos.getAsLong();
            long after = monotonicNanos.getAsLong();
            long half = (after - before) / 2;
            WallClockOffset reading = new WallClockOffset(wall - (before + half), half);
            if (best == null || reading.errorNanos < best.errorNanos) {
                best = reading;
            }
        }
        return best;
    }

    /** How far the wall clock was stepped between this reading and {@code later}; 0 when within reading noise. */
    public long stepUntil(WallClockOffset later) {
        long change = later.offsetNanos - offsetNanos;
        return Math.abs(change) <= STEP_TOLERANCE_NANOS + errorNanos + later.errorNanos ? 0 : change;
    }
}
