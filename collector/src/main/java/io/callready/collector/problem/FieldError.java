package io.callready.collector.problem;

import io.callready.wire.result.WireText;

/**
 * One rejected input.
 *
 * @param field where the bad value is, e.g. {@code results[3].metrics.loss_up_ratio} or {@code limit}
 */
public record FieldError(String field, String message) {

    /** Client text quoted back in an error, cut short so a huge bad value does not come back whole. */
    public static String clip(String text) {
        return WireText.clip(text);
    }
}
