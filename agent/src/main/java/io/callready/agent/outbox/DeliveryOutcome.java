package io.callready.agent.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the collector did with one batch. */
public sealed interface DeliveryOutcome {
    /** One result the collector refused, by its 0-based position in the batch sent, with the fields at fault. */
    record RefusedResult(int index, String id, List<FieldError> errors) {
        public RefusedResult {
            errors = List.copyOf(errors);
        }
    }

    record FieldError(String field, String message) {
    }

    /** 2xx: the collector stored every result of the batch except those in {@code refused}. */
    record Accepted(int status, List<RefusedResult> refused) implements DeliveryOutcome {
        public Accepted {
            refused = List.copyOf(refused);
        }
    }

    /** 4xx naming the results at fault: none was stored; those in {@code refused} never will be. */
    record ResultsRefused(int status, List<RefusedResult> refused, String body) implements DeliveryOutcome {
        public ResultsRefused {
            refused = List.copyOf(refused);
        }
    }

    /** 4xx about the batch as a whole (malformed, too large) that names no result: some result in it is at fault. */
    record BatchRefused(int status, String body) implements DeliveryOutcome {
    }

    /**
     * A 5xx other than 503/504 and without Retry-After: the collector failed on this batch. Once is bad luck; again
     * and again for the same batch makes a result in it a poison suspect.
     */
    record ServerFailed(int status, String body) implements DeliveryOutcome {
    }

    /**
     * The collector cannot take results now (no connection, timeout, 408, 429, 503, 504, a 5xx with Retry-After,
     * a refused token, a wrong URL): the results are fine, wait and send them again.
     */
    record Retry(String why, Optional<Duration> retryAfter) implements DeliveryOutcome {
    }
}
