package io.callready.collector.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.callready.collector.notify.RetryPolicy.Verdict.DELIVERED;
import static io.callready.collector.notify.RetryPolicy.Verdict.FAILED;
import static io.callready.collector.notify.RetryPolicy.Verdict.GONE;
import static io.callready.collector.notify.RetryPolicy.Verdict.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void backoffDoublesFromOneSecondToFiveMinutesWithTwentyPercentJitter() {
        assertThat(policy.backoff(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(5, () -> 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoff(30, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(1000, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.backoff(3, () -> 1.0)).isEqualTo(Duration.ofMillis(4800));
    }

    @Test
    void aDayOfRetriesIsAboutThreeHundredAttempts() {
        Duration total = Duration.ZERO;
        int attempts = 0;
        while (total.compareTo(Duration.ofHours(24)) < 0) {
            total = total.plus(policy.backoff(++attempts, () -> 0.5));
        }
        assertThat(attempts).isBetween(280, 300);
    }

    @Test
    void statusesMapToVerdicts() {
        assertThat(RetryPolicy.verdict(200)).isEqualTo(DELIVERED);
        assertThat(RetryPolicy.verdict(202)).isEqualTo(DELIVERED);
        assertThat(RetryPolicy.verdict(500)).isEqualTo(RETRY);
        assertThat(RetryPolicy.verdict(503)).isEqualTo(RETRY);
        assertThat(RetryPolicy.verdict(408)).isEqualTo(RETRY);
        assertThat(RetryPolicy.verdict(429)).isEqualTo(RETRY);
        assertThat(RetryPolicy.verdict(400)).isEqualTo(FAILED);
        assertThat(RetryPolicy.verdict(404)).isEqualTo(FAILED);
        assertThat(RetryPolicy.verdict(302)).as("redirects are not followed").isEqualTo(FAILED);
        assertThat(RetryPolicy.verdict(410)).isEqualTo(GONE);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(RetryPolicy.retryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
        assertThat(RetryPolicy.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, now)).isEmpty();
    }
}
