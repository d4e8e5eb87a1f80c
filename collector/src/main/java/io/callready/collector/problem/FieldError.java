package io.callready.collector.problem;

/**
 * One rejected input.
 *
 * @param field where the bad value is, e.g. {@code results[3].metrics.loss_up_ratio} or {@code limit}
 */
public record FieldError(String field, String message) {
    private static final int MAX_ECHO = 80;

    /** Client text quoted back in an error, cut short so a huge bad value does not come back whole. */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO) + "...(" + text.length() + " characters)";
    }
}
