package io.callready.advice;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Up = site → internet (the router's WAN egress); down = internet → site (WAN ingress). */
public enum Direction {
    UP, DOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "upstream" / "downstream", for sentences. */
    public String adjective() {
        return this == UP ? "upstream" : "downstream";
    }
}
