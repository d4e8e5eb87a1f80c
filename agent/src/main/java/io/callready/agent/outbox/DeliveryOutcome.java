package io.callready.agent.outbox;

import java.time.Duration;
import java.util.Optional;

/** What the collector did with one batch. */
public sealed interface DeliveryOutcome {
    /** 2xx: the collector has the results. */
    record Accepted(int status) implements DeliveryOutcome {
    }

    /** 408, 429, 5xx or no answer: try the same results again later. */
    record Retry(String why, Optional<Duration> retryAfter) implements DeliveryOutcome {
    }

    /** Any other 4xx (or a redirect): sending the same batch again would fail the same way. */
    record Rejected(int status, String body) implements DeliveryOutcome {
    }
}
