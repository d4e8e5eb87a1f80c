package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP ALG fingerprint against a CallReady reflector's SIP responder: an INVITE-shaped test request with the
 * site's private addresses is sent over UDP and over TCP to the standard port and to every alternate port, and
 * what arrived is compared with what was sent.
 *
 * @param reflector      reflector host (name or address)
 * @param port           standard SIP port the responder listens on, UDP and TCP; default 5060
 * @param alternatePort  the provider's alternate port; default 5160 (the port ALGs usually leave alone)
 * @param alternatePorts further alternate ports to test; default 5080 and 5160 (the ones providers and PBXs use).
 *                       After construction: every alternate port, {@code alternatePort} first, without {@code port}
 * @param timeout        per request; default 4s
 */
public record SipAlgSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String reflector,
        Integer port,
        @JsonProperty("alternate_port") Integer alternatePort,
        @JsonProperty("alternate_ports") List<Integer> alternatePorts,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout) implements ProbeSpec {

    public static final int DEFAULT_PORT = 5060;
    public static final int DEFAULT_ALTERNATE_PORT = 5160;
    public static final List<Integer> DEFAULT_ALTERNATE_PORTS = List.of(5080, 5160);

    public SipAlgSpec {
        if (reflector == null || reflector.isBlank()) {
            throw new IllegalArgumentException("reflector is required (the reflector's host)");
        }
        if (name == null || name.isBlank()) {
            name = "sip-alg-" + reflector;
        }
        interval = interval == null ? Duration.ofHours(1) : interval;
        port = port == null ? DEFAULT_PORT : port;
        alternatePort = alternatePort == null ? DEFAULT_ALTERNATE_PORT : alternatePort;
        timeout = timeout == null ? Duration.ofSeconds(4) : timeout;
        SpecChecks.interval(interval);
        SpecChecks.timeout(timeout, Duration.ofMinutes(1));
        checkPort("port", port);
        checkPort("alternate_port", alternatePort);
        List<Integer> alternates = new ArrayList<>();
        alternates.add(alternatePort);
        for (Integer p : alternatePorts == null ? DEFAULT_ALTERNATE_PORTS : alternatePorts) {
            if (p == null) {
                throw new IllegalArgumentException("alternate_ports must not contain null");
            }
            checkPort("alternate_ports", p);
            if (!alternates.contains(p)) alternates.add(p);
        }
        final int standard = port;
        alternates.removeIf(p -> p == standard);
        alternatePorts = List.copyOf(alternates);
    }

    static void checkPort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 1..65535, got " + port);
        }
    }
}
