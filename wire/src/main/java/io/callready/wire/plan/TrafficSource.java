package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a {@code wan_traffic} probe reads its counters: the site router over SNMP, or the agent's own NIC. */
public enum TrafficSource {
    SNMP, LOCAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TrafficSource parse(String text) {
        for (TrafficSource s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("source must be snmp or local, got '" + text + "'");
    }
}
