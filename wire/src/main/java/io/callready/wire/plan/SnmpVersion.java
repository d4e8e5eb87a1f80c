package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** SNMP versions the agent speaks: v2c (community) and v3 (USM, authPriv only). v1 has no 64-bit counters. */
public enum SnmpVersion {
    V2C, V3;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SnmpVersion parse(String text) {
        for (SnmpVersion v : values()) {
            if (v.wireName().equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("version must be v2c or v3, got '" + text + "'");
    }
}
