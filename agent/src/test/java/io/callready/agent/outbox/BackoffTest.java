package io.callready.agent.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void doublesFromOneSecondToFiveMinutes() {
        Backoff b = new Backoff(fixed(0.5));
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
        for (long s : expectedSeconds) {
            assertThat(b.next()).isEqualTo(Duration.ofSeconds(s));
        }
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(new Backoff(fixed(0.0)).next()).isEqualTo(Duration.ofMillis(800));
        assertThat(new Backoff(fixed(0.999999)).next()).isEqualTo(Duration.ofMillis(1200));
        Backoff b = new Backoff(new Random(7));
        for (int i = 0; i < 30; i++) {
            Duration d = b.next();
            long nominal = Math.min(300_000, 1000L << Math.min(i, 20));
            assertThat(d.toMillis()).isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2));
        }
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-21T15:40:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 15:40:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 15:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("999999999999999999999", now)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
