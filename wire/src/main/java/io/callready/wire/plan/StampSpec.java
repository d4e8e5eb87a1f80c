package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.callready.wire.rtp.Codec;

import java.time.Duration;

/**
 * A STAMP (RFC 8762) session against any STAMP or TWAMP-light reflector (a router's, or the CallReady
 * reflector's), paced like one call leg: one 44-byte test packet per ptime. The codec only selects the E-model
 * values the MOS is computed with; the packets stay STAMP-sized.
 *
 * @param reflector     {@code host:port} of the session-reflector (STAMP's default port is 862)
 * @param reflectorMode stateless (any reflector; loss is round-trip only) or stateful (the reflector counts what it
 *                      received, so loss splits by direction); default stateless
 */
public record StampSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        @JsonProperty("reflector_mode") StampReflectorMode reflectorMode,
        Codec codec,
        @JsonProperty("ptime_ms") Integer ptimeMs,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration burst,
        Integer dscp,
        @JsonProperty("jitter_buffer") JitterBufferSpec jitterBuffer,
        @JsonProperty("source_port") Integer sourcePort) implements ProbeSpec {

    public static final int DEFAULT_PORT = 862;

    public StampSpec {
        if (name == null || name.isBlank()) {
            name = "stamp-" + reflector;
        }
        interval = interval == null ? RtpBurstSpec.DEFAULT_INTERVAL : interval;
        reflectorMode = reflectorMode == null ? StampReflectorMode.STATELESS : reflectorMode;
        codec = codec == null ? RtpBurstSpec.DEFAULT_CODEC : codec;
        ptimeMs = ptimeMs == null ? RtpBurstSpec.DEFAULT_PTIME_MS : ptimeMs;
        burst = burst == null ? RtpBurstSpec.DEFAULT_BURST : burst;
        dscp = dscp == null ? RtpBurstSpec.DSCP_EF : dscp;
        jitterBuffer = jitterBuffer == null ? JitterBufferSpec.DEFAULT : jitterBuffer;
        sourcePort = sourcePort == null ? 0 : sourcePort;
        SpecChecks.target("reflector", reflector);
        SpecChecks.interval(interval);
        SpecChecks.ptime(ptimeMs);
        SpecChecks.dscp(dscp);
        SpecChecks.sourcePort(sourcePort);
        SpecChecks.burstAndInterval(burst, ptimeMs, interval);
    }
}
