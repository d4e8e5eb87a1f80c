package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;

/**
 * How long the site's NAT keeps an idle UDP mapping (RFC 5780 §4.6), for a mapping that has seen two-way traffic
 * (a registration) and one that has seen a single outbound packet (one-way RTP), against a STUN server that
 * honours RESPONSE-PORT (the CallReady reflector with {@code --stun}; coturn).
 *
 * A full search to the default cap can take about an hour; the scheduler delays the next run rather than overlap.
 *
 * @param server            {@code host:port} of the STUN server
 * @param cap               longest idle time tried (default 1800s, the longest RTP session a profile asks for)
 * @param resolution        the search stops when survived and expired idle times are this close (default 5s)
 * @param first             first idle time of the doubling ladder (default 6s)
 * @param parallel          idle times tried at once in each refining round (default 4)
 * @param fast              instead of doubling and refining, try every multiple of {@code resolution} up to the cap at
 *                          once: done at the first expiry, at most the cap (check's mode, with a short cap)
 * @param keepaliveInterval the provider's keepalive interval, if it has one (DialStack: 20s)
 * @param minUdpTimeout     the provider's minimum NAT UDP timeout (DialStack: 60s)
 * @param minRtpTimeout     the provider's minimum idle time of an RTP mapping (SmartAlex: 1800s)
 */
public record UdpLifetimeSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String server,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration cap,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration resolution,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration first,
        Integer parallel,
        Boolean fast,
        @JsonProperty("keepalive_interval")
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration keepaliveInterval,
        @JsonProperty("min_udp_timeout")
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration minUdpTimeout,
        @JsonProperty("min_rtp_timeout")
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration minRtpTimeout) implements ProbeSpec {

    public static final Duration DEFAULT_CAP = Duration.ofSeconds(1800);
    /** The one-shot {@code check}'s cap: long enough to catch aggressive NATs, short enough for a profile check. */
    public static final Duration FAST_CAP = Duration.ofSeconds(45);
    public static final Duration DEFAULT_RESOLUTION = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FIRST = Duration.ofSeconds(6);
    public static final int DEFAULT_PARALLEL = 4;
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);

    public UdpLifetimeSpec {
        SpecChecks.target("server", server);
        if (name == null || name.isBlank()) {
            name = "udp-lifetime-" + server;
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        cap = cap == null ? DEFAULT_CAP : cap;
        resolution = resolution == null ? DEFAULT_RESOLUTION : resolution;
        first = first == null ? DEFAULT_FIRST : first;
        parallel = parallel == null ? DEFAULT_PARALLEL : parallel;
        fast = fast != null && fast;
        SpecChecks.interval(interval);
        if (cap.compareTo(Duration.ofSeconds(10)) < 0 || cap.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("cap must be between 10s and 1h, got " + DurationText.format(cap));
        }
        if (first.compareTo(Duration.ofSeconds(1)) < 0 || first.compareTo(cap) > 0) {
            throw new IllegalArgumentException("first must be between 1s and cap, got " + DurationText.format(first));
        }
        if (resolution.compareTo(Duration.ofSeconds(1)) < 0 || resolution.compareTo(cap) > 0) {
            throw new IllegalArgumentException("resolution must be between 1s and cap, got " + DurationText.format(resolution));
        }
        if (parallel < 1 || parallel > 16) {
            throw new IllegalArgumentException("parallel must be 1..16, got " + parallel);
        }
        if (fast && cap.toMillis() / resolution.toMillis() > 60) {
            throw new IllegalArgumentException("fast mode opens one socket per resolution step: cap / resolution must be at most 60");
        }
    }
}
