package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;

/**
 * The pre-flight checklist of one provider profile, run on a schedule; the result carries the checklist in
 * its details.
 *
 * @param profile   built-in profile name or path of a profile YAML file
 * @param reflector {@code host[:port]} of a CallReady reflector's SIP responder, for the ALG and fragmentation items
 * @param dns       {@code host:port} of the DNS server to ask; default the system resolver
 * @param reflectorRtpPort the same reflector's probe port for the DSCP and RTP port items, default 5004
 * @param routerStamp {@code host:port} of a STAMP reflector on the site's router, optional (where DSCP changes)
 */
public record ProfileCheckSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String profile,
        String reflector,
        String dns,
        @JsonProperty("reflector_rtp_port") Integer reflectorRtpPort,
        @JsonProperty("router_stamp") String routerStamp) implements ProbeSpec {

    public ProfileCheckSpec(String name, Duration interval, String profile, String reflector, String dns) {
        this(name, interval, profile, reflector, dns, null, null);
    }

    public ProfileCheckSpec {
        if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("profile is required (a built-in name or a file path)");
        }
        if (name == null || name.isBlank()) {
            name = "profile-" + profile;
        }
        interval = interval == null ? Duration.ofHours(1) : interval;
        SpecChecks.interval(interval);
        if (dns != null) {
            HostPort.parse(dns);
        }
        if (reflectorRtpPort != null && (reflectorRtpPort < 1 || reflectorRtpPort > 65535)) {
            throw new IllegalArgumentException("reflector_rtp_port must be 1..65535, got " + reflectorRtpPort);
        }
        if (routerStamp != null) {
            SpecChecks.target("router_stamp", routerStamp);
        }
    }
}
