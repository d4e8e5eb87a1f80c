package io.callready.advice;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the site's data says about voice quality and load. */
public enum Verdict {
    /** Quality breaks when the upstream is loaded: shape the WAN egress and prioritise EF. */
    CONGESTION_UPSTREAM,
    /** Quality breaks when the downstream is loaded. */
    CONGESTION_DOWNSTREAM,
    /** Quality dips at any load: look at Wi-Fi, the ISP or the voice provider instead. */
    NOT_TRAFFIC_RELATED,
    /** Load reaches the line rate but voice holds. */
    QOS_EFFECTIVE,
    /** Fewer samples (or loaded samples) than the method needs; {@link QosAssessment#samplesNeeded()} says how many. */
    INSUFFICIENT_DATA;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict forCongestion(Direction direction) {
        return direction == Direction.UP ? CONGESTION_UPSTREAM : CONGESTION_DOWNSTREAM;
    }

    public boolean isCongestion() {
        return this == CONGESTION_UPSTREAM || this == CONGESTION_DOWNSTREAM;
    }
}
