package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What the STAMP session-reflector puts in its sequence number (RFC 8762 §4.3): a stateless reflector copies the
 * sender's, a stateful one counts the packets it received. Only the stateful count splits loss by direction.
 */
public enum StampReflectorMode {
    STATELESS,
    STATEFUL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StampReflectorMode fromWireName(String text) {
        for (StampReflectorMode m : values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown reflector mode '" + text + "', expected stateless or stateful");
    }
}
