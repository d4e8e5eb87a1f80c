package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Duration;

/** One entry of a probe plan. The {@code kind} property selects the record; add one line per probe kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RtpBurstSpec.class, name = "rtp_burst"),
        @JsonSubTypes.Type(value = SipOptionsSpec.class, name = "sip_options"),
        @JsonSubTypes.Type(value = SipAlgSpec.class, name = "sip_alg"),
        @JsonSubTypes.Type(value = SipFragmentationSpec.class, name = "sip_fragmentation"),
        @JsonSubTypes.Type(value = ProfileCheckSpec.class, name = "profile_check"),
        @JsonSubTypes.Type(value = StampSpec.class, name = "stamp"),
        @JsonSubTypes.Type(value = UdpEchoSpec.class, name = "udp_echo"),
        @JsonSubTypes.Type(value = WanTrafficSpec.class, name = "wan_traffic"),
        @JsonSubTypes.Type(value = DscpMatrixSpec.class, name = "dscp_matrix"),
        @JsonSubTypes.Type(value = RtpPortsSpec.class, name = "rtp_ports"),
        @JsonSubTypes.Type(value = NatBehaviourSpec.class, name = "nat_behaviour"),
        @JsonSubTypes.Type(value = UdpLifetimeSpec.class, name = "udp_lifetime"),
})
public sealed interface ProbeSpec permits RtpBurstSpec, StampSpec, UdpEchoSpec,
        SipOptionsSpec, SipAlgSpec, SipFragmentationSpec, ProfileCheckSpec, WanTrafficSpec, DscpMatrixSpec,
        RtpPortsSpec, NatBehaviourSpec, UdpLifetimeSpec {
    /** Unique within a plan; names the probe in logs and results. */
    String name();

    /** Time between the starts of two runs. */
    Duration interval();
}
