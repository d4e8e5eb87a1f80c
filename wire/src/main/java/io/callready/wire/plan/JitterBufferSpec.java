package io.callready.wire.plan;

/**
 * The jitter buffer of the simulated receiving phone. Packets it would play out too late count as discards and
 * add to the effective loss that the E-model rates, as a real phone would experience them.
 *
 * @param mode fixed or adaptive; default adaptive
 * @param ms   fixed: the playout delay; adaptive: the largest playout delay it may grow to. 1..1000 ms;
 *             default 60 for fixed, 200 for adaptive
 */
public record JitterBufferSpec(JitterBufferMode mode, Integer ms) {
    public static final int DEFAULT_FIXED_MS = 60;
    public static final int DEFAULT_ADAPTIVE_MAX_MS = 200;
    public static final int MAX_MS = 1000;
    public static final JitterBufferSpec DEFAULT = new JitterBufferSpec(null, null);

    public JitterBufferSpec {
        mode = mode == null ? JitterBufferMode.ADAPTIVE : mode;
        ms = ms != null ? ms : mode == JitterBufferMode.FIXED ? DEFAULT_FIXED_MS : DEFAULT_ADAPTIVE_MAX_MS;
        if (ms < 1 || ms > MAX_MS) {
            throw new IllegalArgumentException("ms must be 1.." + MAX_MS + ", got " + ms);
        }
    }

    public static JitterBufferSpec fixed(int ms) {
        return new JitterBufferSpec(JitterBufferMode.FIXED, ms);
    }

    public static JitterBufferSpec adaptive(int maxMs) {
        return new JitterBufferSpec(JitterBufferMode.ADAPTIVE, maxMs);
    }

    /** {@code fixed:60} or {@code adaptive:200}, as the command line writes it. */
    @Override
    public String toString() {
        return mode.wireName() + ":" + ms;
    }

    /** Parses {@code fixed}, {@code fixed:60}, {@code adaptive} or {@code adaptive:200}. */
    public static JitterBufferSpec parse(String text) {
        String[] parts = text.split(":", 2);
        JitterBufferMode mode = JitterBufferMode.fromWireName(parts[0].trim());
        if (parts.length == 1) {
            return new JitterBufferSpec(mode, null);
        }
        try {
            return new JitterBufferSpec(mode, Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a jitter buffer; write fixed:60 or adaptive:200");
        }
    }
}
