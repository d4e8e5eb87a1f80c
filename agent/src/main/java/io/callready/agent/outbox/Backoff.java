package io.callready.agent.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential retry delays, 1 s doubling up to 5 min, each spread ±20 % so many agents do not retry in step. */
public final class Backoff {
    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofMinutes(5);
    public static final double JITTER = 0.2;

    private final RandomGenerator random;
    private int failures;

    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The delay before the next attempt after one more failure. */
    public Duration next() {
        long nominal = Math.min(MAX.toMillis(), INITIAL.toMillis() << Math.min(failures, 20));
        failures++;
        double spread = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Duration.ofMillis(Math.round(nominal * spread));
    }

    public void reset() {
        failures = 0;
    }
}
