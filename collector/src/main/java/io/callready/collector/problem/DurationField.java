package io.callready.collector.problem;

import io.callready.wire.plan.DurationText;

import java.time.Duration;

/** A request field holding a duration such as "30m" or "2h": any text that is not one, or overflows, is a 400 naming the field. */
public final class DurationField {
    private DurationField() {
    }

    public static Duration parse(String field, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }
}
