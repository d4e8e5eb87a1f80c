package io.callready.collector.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again: exponential backoff from {@code initial}, doubled per attempt up to {@code max}, each
 * delay spread by ±20 % so receivers that come back are not hit by every collector at once.
 */
public record RetryPolicy(Duration initial, Duration max) {
    static final double JITTER = 0.2;

    /** What a response status means for the message. */
    public enum Verdict { DELIVERED, RETRY, FAILED, GONE }

    /** @param attempts attempts made so far, at least 1 */
    public Duration backoff(int attempts, DoubleSupplier random) {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempts - 1, 40)));
        double spread = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** 2xx delivered; 408, 429 and 5xx retried; 410 disables the channel; any other status (also 3xx) is final. */
    public static Verdict verdict(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.RETRY;
        }
        return status == 410 ? Verdict.GONE : Verdict.FAILED;
    }

    /** Retry-After as delay seconds or an HTTP date (RFC 9110 §10.2.3); empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
