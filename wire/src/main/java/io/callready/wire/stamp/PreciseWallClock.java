package io.callready.wire.stamp;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time with the monotonic clock's resolution: the wall clock is read once, later instants are that
 * reading plus {@link System#nanoTime()} elapsed. Differences between two timestamps are therefore exact
 * (what RTT and hold times need), and a wall-clock step during a session cannot distort them.
 */
public final class PreciseWallClock {
    private final long originEpochNanos;
    private final long originMonotonicNanos;

    public PreciseWallClock(Clock wall) {
        Instant now = wall.instant();
        this.originMonotonicNanos = System.nanoTime();
        this.originEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public static PreciseWallClock system() {
        return new PreciseWallClock(Clock.systemUTC());
    }

    /** Nanoseconds since the Unix epoch at the given {@link System#nanoTime()} reading. */
    public long epochNanos(long monotonicNanos) {
        return originEpochNanos + (monotonicNanos - originMonotonicNanos);
    }

    public NtpTimestamp ntp(long monotonicNanos) {
        return NtpTimestamp.ofEpochNanos(epochNanos(monotonicNanos));
    }
}
