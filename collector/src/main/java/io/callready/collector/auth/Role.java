package io.callready.collector.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** What a staff token may do: {@code admin} reads and writes, {@code read_only} only reads. */
public enum Role {
    ADMIN("admin"),
    READ_ONLY("read_only");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Role fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be admin or read_only, got '" + text + "'"));
    }
}
