package io.callready.wire.stamp;

import java.nio.ByteBuffer;

/**
 * The 64-bit NTP timestamp STAMP and TWAMP carry (RFC 5905 §6): 32-bit seconds since 1900-01-01 and a 32-bit
 * binary fraction of a second.
 *
 * @param seconds  seconds since 1900, 0..2³²−1
 * @param fraction fraction of a second in units of 2⁻³² s, 0..2³²−1
 */
public record NtpTimestamp(long seconds, long fraction) {
    /** Seconds from the NTP era origin (1900) to the Unix epoch (1970). */
    public static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public NtpTimestamp {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) throw new IllegalArgumentException("seconds " + seconds);
        if (fraction < 0 || fraction > 0xFFFF_FFFFL) throw new IllegalArgumentException("fraction " + fraction);
    }

    /** Rounds nanoseconds since the Unix epoch to the nearest 2⁻³² s. */
    public static NtpTimestamp ofEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        if (fraction > 0xFFFF_FFFFL) {
            fraction = 0;
            seconds++;
        }
        return new NtpTimestamp((seconds + UNIX_TO_NTP_SECONDS) & 0xFFFF_FFFFL, fraction);
    }

    /** Nanoseconds since the Unix epoch, rounded; assumes NTP era 0 (1900–2036). */
    public long toEpochNanos() {
        long nanos = (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
        return (seconds - UNIX_TO_NTP_SECONDS) * NANOS_PER_SECOND + nanos;
    }

    public void write(ByteBuffer out) {
        out.putInt((int) seconds);
        out.putInt((int) fraction);
    }

    public static NtpTimestamp read(ByteBuffer in) {
        return new NtpTimestamp(in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL);
    }
}
