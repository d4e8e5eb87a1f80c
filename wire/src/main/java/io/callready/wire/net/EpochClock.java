package io.callready.wire.net;

import java.time.Instant;

/** The wall clock in nanoseconds since the Unix epoch: the clock the kernel stamps arriving datagrams with. */
public final class EpochClock {
    private EpochClock() {
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
