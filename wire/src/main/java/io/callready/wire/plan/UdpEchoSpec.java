package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;

/**
 * The last resort when no CallReady or STAMP reflector is reachable: a paced stream to a plain UDP echo service
 * (RFC 862, usually port 7) that returns each datagram verbatim. Only round-trip metrics come out of it: no
 * direction, no reflector timestamps, and no MOS.
 *
 * @param target {@code host:port} of the echo service
 */
public record UdpEchoSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String target,
        @JsonProperty("ptime_ms") Integer ptimeMs,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration burst,
        Integer dscp) implements ProbeSpec {

    public UdpEchoSpec {
        if (name == null || name.isBlank()) {
            name = "echo-" + target;
        }
        interval = interval == null ? RtpBurstSpec.DEFAULT_INTERVAL : interval;
        ptimeMs = ptimeMs == null ? RtpBurstSpec.DEFAULT_PTIME_MS : ptimeMs;
        burst = burst == null ? RtpBurstSpec.DEFAULT_BURST : burst;
        dscp = dscp == null ? RtpBurstSpec.DSCP_EF : dscp;
        SpecChecks.target("target", target);
        SpecChecks.interval(interval);
        SpecChecks.ptime(ptimeMs);
        SpecChecks.dscp(dscp);
        SpecChecks.burstAndInterval(burst, ptimeMs, interval);
    }
}
