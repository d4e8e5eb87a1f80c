package io.callready.advice;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How far a verdict can be trusted; {@link QosAssessment#notes()} says why it is not high. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One step lower, never below {@link #LOW}. */
    public Confidence lower() {
        return this == HIGH ? MEDIUM : LOW;
    }
}
