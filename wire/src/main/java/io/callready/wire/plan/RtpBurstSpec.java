package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.callready.wire.rtp.Codec;

import java.time.Duration;

/**
 * A burst of RTP to a CallReady reflector, shaped like one call leg.
 *
 * @param reflector    {@code host:port} of the reflector
 * @param codec        codec to imitate (payload type, size, rate); default PCMU
 * @param ptimeMs      audio per packet: 10, 20, 30 or 40 ms; default 20
 * @param burst        how long to send; default 10s
 * @param dscp         DSCP to mark the packets with, 0–63; default 46 (EF)
 * @param jitterBuffer the simulated receiving phone's jitter buffer; default adaptive up to 200 ms
 * @param sourcePort   local UDP port to send from; default 0 (any free port)
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
        Integer dscp,
        @JsonProperty("jitter_buffer") JitterBufferSpec jitterBuffer,
        @JsonProperty("source_port") Integer sourcePort) implements ProbeSpec {

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
        jitterBuffer = jitterBuffer == null ? JitterBufferSpec.DEFAULT : jitterBuffer;
        sourcePort = sourcePort == null ? 0 : sourcePort;
        SpecChecks.target("reflector", reflector);
        SpecChecks.interval(interval);
        SpecChecks.ptime(ptimeMs);
        SpecChecks.dscp(dscp);
        SpecChecks.sourcePort(sourcePort);
        SpecChecks.burstAndInterval(burst, ptimeMs, interval);
    }

    /** A spec with the default jitter buffer, sent from any local port. */
    public RtpBurstSpec(String name, Duration interval, String reflector, Codec codec, Integer ptimeMs, Duration burst, Integer dscp) {
        this(name, interval, reflector, codec, ptimeMs, burst, dscp, null, null);
    }

    public RtpBurstSpec withJitterBuffer(JitterBufferSpec buffer) {
        return new RtpBurstSpec(name, interval, reflector, codec, ptimeMs, burst, dscp, buffer, sourcePort);
    }
}
