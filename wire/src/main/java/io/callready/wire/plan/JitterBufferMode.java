package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the simulated receiving phone buffers packets before playout. */
public enum JitterBufferMode {
    /** A constant playout delay: packets later than it are discarded. */
    FIXED,
    /** A playout delay that follows the measured delay variation, up to a maximum. */
    ADAPTIVE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JitterBufferMode fromWireName(String text) {
        for (JitterBufferMode m : values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown jitter buffer mode '" + text + "', expected fixed or adaptive");
    }
}
