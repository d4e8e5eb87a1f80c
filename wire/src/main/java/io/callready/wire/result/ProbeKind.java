package io.callready.wire.result;

import com.fasterxml.jackson.annotation.JsonValue;

/** What produced a result. Add one constant per probe package. */
public enum ProbeKind {
    RTP_BURST,
    SIP_OPTIONS,
    SIP_ALG,
    SIP_FRAGMENTATION,
    PROFILE_CHECK,
    STAMP,
    /** RFC 862 echo: round-trip metrics only. */
    UDP_ECHO,
    /** Traffic on the site's internet line (router SNMP counters or the agent's NIC). */
    WAN_TRAFFIC,
    /** Per-class DSCP marks in both directions. */
    DSCP_MATRIX,
    /** Sampled RTP destination ports through the NAT's pinhole. */
    RTP_PORTS,
    /** RFC 5780 NAT behaviour discovery over STUN. */
    NAT_BEHAVIOUR,
    /** RFC 5780 §4.6 idle lifetime of UDP mappings. */
    UDP_LIFETIME;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
