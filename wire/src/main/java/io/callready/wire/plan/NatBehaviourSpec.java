package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;

/**
 * RFC 5780 NAT behaviour discovery against a STUN server with an alternate address (the CallReady reflector with
 * {@code --stun --stun-alt}, or coturn): mapping and filtering behaviour, port preservation, hairpinning, the
 * public address and whether a middlebox rewrote MAPPED-ADDRESS. Against a server without an alternate address
 * only the public address, port preservation and the rewrite check are possible.
 *
 * @param server    {@code host:port} of the STUN server's primary address
 * @param localPort source port to test for port preservation (e.g. 5060, the SIP port 3CX wants kept); 0 = any
 * @param timeout   wait for one STUN answer, retransmissions included; a filtering test that gets no answer waits
 *                  this long, so it bounds the probe's run time (default 1500ms)
 */
public record NatBehaviourSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String server,
        @JsonProperty("local_port") Integer localPort,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout) implements ProbeSpec {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);

    public NatBehaviourSpec {
        SpecChecks.target("server", server);
        if (name == null || name.isBlank()) {
            name = "nat-" + server;
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        localPort = localPort == null ? 0 : localPort;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        SpecChecks.interval(interval);
        SpecChecks.timeout(timeout, Duration.ofSeconds(5));
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local_port must be 0..65535 (0 = any), got " + localPort);
        }
    }
}
