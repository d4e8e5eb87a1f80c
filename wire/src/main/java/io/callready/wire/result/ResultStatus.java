package io.callready.wire.result;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Outcome of one probe run.
 * {@code ok}: measured, every graded metric good. {@code degraded}: measured, some metric beyond "good".
 * {@code failed}: the target could not be measured (no reply, refused, unresolvable).
 * {@code error}: the probe itself could not run (bad local setup, socket error).
 */
public enum ResultStatus {
    OK, DEGRADED, FAILED, ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
