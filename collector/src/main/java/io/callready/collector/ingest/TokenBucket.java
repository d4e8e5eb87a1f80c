package io.callready.collector.ingest;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.updatedNanos = nanoTime.getAsLong();
    }

    /** Takes one token, or answers how long until one is there. */
    synchronized Duration tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - updatedNanos) / 1e9 * perSecond);
        updatedNanos = now;
    }
}
