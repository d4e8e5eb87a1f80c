package io.callready.wire.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;

/**
 * Whether RTP gets through on the provider's media port range: sampled destination ports on a CallReady reflector,
 * which listens on them for a few seconds when asked, each answered back through the NAT's pinhole.
 *
 * @param reflector {@code host:port} of the CallReady reflector's probe port (5004)
 * @param from      first port of the RTP range
 * @param to        last port of the RTP range
 * @param samples   ports tested across the range (first, last and an even spread), 2..64, default 12
 * @param refine    when a sample is blocked, search the exact edges of the blocked slice (default true)
 * @param timeout   wait for the replies of one round; each port is tried up to three times
 */
public record RtpPortsSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        Integer from,
        Integer to,
        Integer samples,
        Boolean refine,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout) implements ProbeSpec {

    public static final int MAX_SAMPLES = 64;

    public RtpPortsSpec {
        SpecChecks.target("reflector", reflector);
        if (from == null || to == null || from < 1024 || to > 65535 || from > to) {
            throw new IllegalArgumentException("from and to must satisfy 1024 <= from <= to <= 65535, got " + from + ".." + to);
        }
        if (name == null || name.isBlank()) {
            name = "rtp-ports-" + from + "-" + to;
        }
        interval = interval == null ? Duration.ofHours(1) : interval;
        samples = samples == null ? 12 : samples;
        if (samples < 2 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be 2.." + MAX_SAMPLES + ", got " + samples);
        }
        refine = refine == null || refine;
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        SpecChecks.interval(interval);
        SpecChecks.timeout(timeout, DscpMatrixSpec.MAX_TIMEOUT);
    }
}
