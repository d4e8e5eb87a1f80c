package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** SIP transports a probe can use; written in lower case on the wire and in config. */
public enum SipTransport {
    UDP, TCP, TLS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SipTransport parse(String text) {
        for (SipTransport t : values()) {
            if (t.wireName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a SIP transport; use udp, tcp or tls");
    }
}
