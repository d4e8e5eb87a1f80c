package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.callready.wire.rtp.Codec;

import java.time.Duration;

/**
 * A burst of RTP to a CallReady reflector, shaped like one call leg.
 *
 * @param reflector {@code host:port} of the reflector
 * @param codec     codec to imitate (payload type, size, rate); default PCMU
 * @param ptimeMs   audio per packet: 10, 20, 30 or 40 ms; default 20
 * @param burst     how long to send; default 10s
 * @param dscp      DSCP to mark the packets with, 0–63; default 46 (EF)
 */
public record RtpBurstSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        Codec codec,
        @JsonProperty("ptime_ms") Integer ptimeMs,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration burst,
        Integer dscp) implements ProbeSpec {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Codec DEFAULT_CODEC = Codec.PCMU;
    public static final int DEFAULT_PTIME_MS = 20;
    public static final Duration DEFAULT_BURST = Duration.ofSeconds(10);
    public static final int DSCP_EF = 46;

    public RtpBurstSpec {
        if (name == null || name.isBlank()) {
            name = "rtp-" + reflector;
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        codec = codec == null ? DEFAULT_CODEC : codec;
        ptimeMs = ptimeMs == null ? DEFAULT_PTIME_MS : ptimeMs;
        burst = burst == null ? DEFAULT_BURST : burst;
        dscp = dscp == null ? DSCP_EF : dscp;
        if (reflector == null || reflector.isBlank()) {
            throw new IllegalArgumentException("reflector is required (host:port)");
        }
        HostPort.parse(reflector);
        if (ptimeMs != 10 && ptimeMs != 20 && ptimeMs != 30 && ptimeMs != 40) {
            throw new IllegalArgumentException("ptime_ms must be 10, 20, 30 or 40, got " + ptimeMs);
        }
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("dscp must be 0..63, got " + dscp);
        }
        if (burst.toMillis() < ptimeMs || burst.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("burst must be between one packet and 2m, got " + DurationText.format(burst));
        }
        if (interval.compareTo(burst) < 0) {
            throw new IllegalArgumentException("interval (" + DurationText.format(interval)
                    + ") must not be shorter than burst (" + DurationText.format(burst) + ")");
        }
    }
}
