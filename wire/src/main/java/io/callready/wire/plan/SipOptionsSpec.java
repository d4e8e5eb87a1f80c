package io.callready.wire.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.List;

/**
 * SIP OPTIONS "ping" to a SIP server, located per RFC 3263, over each listed transport.
 *
 * @param uri        what a phone would dial: {@code sip:domain}, {@code sips:domain}, {@code sip:host:port;transport=tcp},
 *                   or a bare {@code host[:port]}
 * @param transports transports to try; default udp, tcp and tls
 * @param timeout    give up on one target after this long (RFC 3261 Timer F, 64·T1 = 32s by default)
 * @param dns        {@code host:port} of the DNS server to ask; default the system resolver
 */
public record SipOptionsSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String uri,
        List<SipTransport> transports,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration timeout,
        String dns) implements ProbeSpec {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration TIMER_F = Duration.ofSeconds(32);

    public SipOptionsSpec {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("uri is required (sip:domain or host[:port])");
        }
        if (name == null || name.isBlank()) {
            name = "sip-options-" + uri;
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        transports = transports == null || transports.isEmpty() ? List.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS) : List.copyOf(transports);
        timeout = timeout == null ? TIMER_F : timeout;
        SpecChecks.interval(interval);
        SpecChecks.timeout(timeout, Duration.ofMinutes(1));
        if (dns != null) {
            HostPort.parse(dns);
        }
    }
}
