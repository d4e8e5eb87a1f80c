package io.callready.wire.plan;

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
 */
public record ProfileCheckSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        String profile,
        String reflector,
        String dns) implements ProbeSpec {

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
    }
}
