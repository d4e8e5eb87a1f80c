package io.callready.wire.rtp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Voice codecs the RTP burst probe can imitate: payload type, RTP clock and payload bytes per millisecond
 * of audio (G.722 famously uses an 8 kHz RTP clock for 16 kHz audio, RFC 3551 §4.5.2).
 */
public enum Codec {
    PCMU(0, 8000, 8.0, 0.0),
    PCMA(8, 8000, 8.0, 0.0),
    G722(9, 8000, 8.0, 0.0),
    G729(18, 8000, 1.0, 5.0),
    /** Opus at 24 kbit/s CBR on the usual dynamic payload type. */
    OPUS(111, 48000, 3.0, 6.5);

    private final int payloadType;
    private final int clockRateHz;
    private final double payloadBytesPerMs;
    private final double lookaheadMs;

    Codec(int payloadType, int clockRateHz, double payloadBytesPerMs, double lookaheadMs) {
        this.payloadType = payloadType;
        this.clockRateHz = clockRateHz;
        this.payloadBytesPerMs = payloadBytesPerMs;
        this.lookaheadMs = lookaheadMs;
    }

    public int payloadType() {
        return payloadType;
    }

    public int clockRateHz() {
        return clockRateHz;
    }

    /** Algorithmic look-ahead of the encoder, part of mouth-to-ear delay. */
    public double lookaheadMs() {
        return lookaheadMs;
    }

    /** Codec payload bytes in one packet of {@code ptimeMs} audio. */
    public int payloadBytes(int ptimeMs) {
        return (int) Math.round(payloadBytesPerMs * ptimeMs);
    }

    /** RTP timestamp increment per packet. */
    public int timestampStep(int ptimeMs) {
        return clockRateHz / 1000 * ptimeMs;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Codec fromWireName(String text) {
        for (Codec c : values()) {
            if (c.wireName().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + text + "', expected one of "
                + Arrays.stream(values()).map(Codec::wireName).collect(Collectors.joining(", ")));
    }
}
