package io.callready.collector.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collector's clock in tests: the system clock until a test fixes it, then only what the test sets.
 * Tests that fix it call {@link #useSystemTime()} when done, because the application is shared.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public Instant advance(Duration by) {
        return fixed.updateAndGet(t -> (t == null ? Instant.now() : t).plus(by));
    }

    public void useSystemTime() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant t = fixed.get();
        return t == null ? Instant.now() : t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the collector works in UTC");
    }
}
