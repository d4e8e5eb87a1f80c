package io.callready.agent.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Why a result was set aside instead of shipped, as written beside it in {@code outbox/quarantine/}.
 *
 * @param source     {@code agent} (failed the shared result rules before it was queued) or {@code collector}
 * @param httpStatus the collector's answer; null for {@code agent}
 * @param message    one line for a person
 * @param errors     the fields at fault, where known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineReason(String source, Integer httpStatus, String message, List<DeliveryOutcome.FieldError> errors) {
    public QuarantineReason {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static QuarantineReason agent(List<DeliveryOutcome.FieldError> errors) {
        return new QuarantineReason("agent", null, "the result breaks the shared result rules; a probe measured it wrong", errors);
    }

    public static QuarantineReason collector(int status, String message, List<DeliveryOutcome.FieldError> errors) {
        return new QuarantineReason("collector", status, message, errors);
    }

    /** The reason on one line, for the log. */
    public String summary() {
        StringBuilder s = new StringBuilder(httpStatus == null ? source : source + " HTTP " + httpStatus).append(": ").append(message);
        for (DeliveryOutcome.FieldError e : errors) {
            s.append("; ").append(e.field()).append(": ").append(e.message());
        }
        return s.toString();
    }
}
