package io.callready.wire.result;

/** Metric keys shared by agent, collector and dashboards. Units are part of every name. */
public final class MetricNames {
    private MetricNames() {
    }

    public static final String RTT_MS = "rtt_ms";
    public static final String RTT_MIN_MS = "rtt_min_ms";
    public static final String RTT_MAX_MS = "rtt_max_ms";
    public static final String JITTER_UP_MS = "jitter_up_ms";
    public static final String JITTER_DOWN_MS = "jitter_down_ms";
    public static final String LOSS_UP_RATIO = "loss_up_ratio";
    public static final String LOSS_DOWN_RATIO = "loss_down_ratio";
    public static final String PACKETS_SENT = "packets_sent_count";
    public static final String PACKETS_RECEIVED = "packets_received_count";
    public static final String DUPLICATES_UP = "duplicates_up_count";
    public static final String DUPLICATES_DOWN = "duplicates_down_count";
    public static final String REORDERED_UP = "reordered_up_count";
    public static final String REORDERED_DOWN = "reordered_down_count";
    /** G.107 BurstR of the effective loss pattern: 1 random, above 1 clustered. Not a fraction, hence no _ratio suffix. */
    public static final String BURST_R_UP = "burst_r_up";
    public static final String BURST_R_DOWN = "burst_r_down";
    /** RFC 3611 bursts (losses or discards after at least Gmin = 16 good packets that start a burst). */
    public static final String LOSS_BURSTS_UP = "loss_bursts_up_count";
    public static final String LOSS_BURSTS_DOWN = "loss_bursts_down_count";
    /** Packets that arrived too late for the simulated jitter buffer. */
    public static final String LATE_DISCARDS_UP = "late_discards_up_count";
    public static final String LATE_DISCARDS_DOWN = "late_discards_down_count";
    /** Network loss plus jitter-buffer discards: what the E-model's Ppl is. */
    public static final String LOSS_EFFECTIVE_UP_RATIO = "loss_effective_up_ratio";
    public static final String LOSS_EFFECTIVE_DOWN_RATIO = "loss_effective_down_ratio";
    /** Mean playout delay the simulated jitter buffer added. */
    public static final String JITTER_BUFFER_UP_MS = "jitter_buffer_up_ms";
    public static final String JITTER_BUFFER_DOWN_MS = "jitter_buffer_down_ms";
    /** Loss when the direction cannot be told (stateless STAMP reflector, UDP echo). */
    public static final String LOSS_ROUND_TRIP_RATIO = "loss_round_trip_ratio";
    /** RFC 3550 jitter of the round-trip time, for probes without reflector timestamps. */
    public static final String JITTER_ROUND_TRIP_MS = "jitter_round_trip_ms";
    public static final String ONE_WAY_DELAY_MS = "mouth_to_ear_delay_ms";
    /** Network one-way delay per direction, only when both clocks are synchronised; ± {@link #DELAY_ERROR_MS}. */
    public static final String DELAY_UP_MS = "delay_up_ms";
    public static final String DELAY_DOWN_MS = "delay_down_ms";
    /** Error bound of the one-way delays: both kernels' maximum clock error, summed. */
    public static final String DELAY_ERROR_MS = "delay_error_ms";
    public static final String R_FACTOR = "r_factor";
    public static final String MOS = "mos";
    public static final String MOS_UP = "mos_up";
    public static final String MOS_DOWN = "mos_down";

    /** MOS the same measurement would give with another codec, e.g. {@code mos_if_g729}. */
    public static String mosIf(io.callready.wire.rtp.Codec codec) {
        return "mos_if_" + codec.wireName();
    }

    public static final String LABEL_CODEC = "codec";
    /** Comma-separated codecs whose what-if MOS has no ITU basis, e.g. {@code g722,opus}. */
    public static final String LABEL_MOS_IF_PROVISIONAL = "mos_if_provisional";
    /** The simulated jitter buffer, e.g. {@code fixed:60}. */
    public static final String LABEL_JITTER_BUFFER = "jitter_buffer";
    /** {@code round_trip_only} for probes that cannot tell the directions apart (UDP echo). */
    public static final String LABEL_MEASUREMENT = "measurement";
    /** stateless or stateful: how the STAMP reflector numbered its replies. */
    public static final String LABEL_STAMP_REFLECTOR_MODE = "stamp_reflector_mode";
    public static final String LABEL_MOS_PROVISIONAL = "mos_provisional";
    public static final String LABEL_PTIME_MS = "ptime_ms";
    /** How the E-model got each direction's network delay: {@code one_way} (synchronised clocks) or {@code rtt_half}. */
    public static final String LABEL_DELAY_MODEL = "delay_model";
    /** Where T1 came from: {@code kernel} (transmit timestamps for every packet) or {@code user} (read before the send). */
    public static final String LABEL_TX_TIMESTAMPS = "tx_timestamps";
    /**
     * Where the reflector's T3 came from: {@code kernel} (its transmit timestamp, for every timed reply) or {@code user}
     * (read before its send, as the reply's hold says).
     */
    public static final String LABEL_REFLECTOR_TX_TIMESTAMPS = "reflector_tx_timestamps";
    /** DSCP the agent marked its packets with. */
    public static final String LABEL_DSCP = "dscp";
    /** DSCP the reflector saw on arrival (most common value), when it can read it: shows bleaching on the way up. */
    public static final String LABEL_DSCP_SEEN_UP = "dscp_seen_up";
    /** DSCP the replies arrived with at the agent (most common value): shows bleaching on the way down. */
    public static final String LABEL_DSCP_SEEN_DOWN = "dscp_seen_down";

    /** SIP readiness (issue 4): DNS, connect and first-transmission response times, certificate, large UDP. */
    public static final String DNS_MS = "dns_ms";
    public static final String SIP_CONNECT_MS = "sip_connect_ms";
    public static final String SIP_RESPONSE_MS = "sip_response_ms";
    public static final String SIP_STATUS_CODE = "sip_status_code";
    public static final String SIP_TARGETS_REACHABLE = "sip_targets_reachable_count";
    public static final String SIP_TARGETS_TRIED = "sip_targets_tried_count";
    public static final String TLS_DAYS_TO_EXPIRY = "tls_days_to_expiry";
    public static final String SIP_ALG_REWRITES = "sip_alg_rewrites_count";
    public static final String SIP_LARGEST_UDP_BYTES = "sip_largest_udp_bytes";
    public static final String PATH_MTU_BYTES = "path_mtu_bytes";
    public static final String CHECKS_PASSED = "checks_passed_count";
    public static final String CHECKS_WARNED = "checks_warned_count";
    public static final String CHECKS_FAILED = "checks_failed_count";
    public static final String LABEL_TRANSPORT = "transport";
    public static final String LABEL_VERDICT = "verdict";
    public static final String LABEL_PROFILE = "profile";
    /** The plan interval of the probe that produced the result ("5m"); the collector's offline check counts in it. */
    public static final String LABEL_INTERVAL = "interval";

    /** WAN traffic (issue 11): bits/s over the sample, L2 bytes as the counters count them; up = site → internet. */
    public static final String UP_BPS = "up_bps";
    public static final String DOWN_BPS = "down_bps";
    /** Percent of the line rate (or of the port speed without one); above 100 when the line is faster than contracted. */
    public static final String UP_UTILISATION_PCT = "up_utilisation_pct";
    public static final String DOWN_UTILISATION_PCT = "down_utilisation_pct";
    public static final String LINE_UP_BPS = "line_up_bps";
    public static final String LINE_DOWN_BPS = "line_down_bps";
    public static final String PORT_SPEED_BPS = "port_speed_bps";
    public static final String IN_DISCARDS = "in_discards_count";
    public static final String OUT_DISCARDS = "out_discards_count";
    public static final String OUT_ERRORS = "out_errors_count";
    /** Length of the counter sample the rates are averaged over. */
    public static final String SAMPLE_MS = "sample_ms";
    public static final String LABEL_INTERFACE = "interface";
    /** {@code snmp} or {@code local}. */
    public static final String LABEL_SOURCE = "source";
    /** {@code contracted} (the plan's line rate) or {@code port} (the interface speed). */
    public static final String LABEL_LINE_RATE_SOURCE = "line_rate_source";
    /** {@code 64} (ifHC*) or {@code 32} (ifInOctets/ifOutOctets). */
    public static final String LABEL_COUNTER_BITS = "counter_bits";
    /** The WAN traffic during an RTP burst's own seconds, read right before and right after it. */
    public static final String WAN_UP_BPS = "wan_up_bps";
    public static final String WAN_DOWN_BPS = "wan_down_bps";
    public static final String WAN_UP_UTILISATION_PCT = "wan_up_utilisation_pct";
    public static final String WAN_DOWN_UTILISATION_PCT = "wan_down_utilisation_pct";
    public static final String LABEL_WAN_LINE_RATE_SOURCE = "wan_line_rate_source";
    /** {@code unavailable: REASON} when the counters around a burst could not be read. */
    public static final String LABEL_WAN_TRAFFIC = "wan_traffic";
    // NAT behaviour (issue 12): categorical findings are labels, numbers carry their unit
    public static final String STUN_RTT_MS = "stun_rtt_ms";
    public static final String STUN_TESTS = "stun_tests_count";
    public static final String STUN_ANSWERS = "stun_answers_count";
    public static final String LABEL_NAT_MAPPING = "nat_mapping";
    public static final String LABEL_NAT_FILTERING = "nat_filtering";
    public static final String LABEL_PORT_PRESERVED = "port_preserved";
    public static final String LABEL_HAIRPINNING = "hairpinning";
    public static final String LABEL_PUBLIC_ADDRESS = "public_address";
    public static final String LABEL_PUBLIC_ADDRESS_CLASS = "public_address_class";
    public static final String LABEL_MAPPED_ADDRESS_REWRITTEN = "mapped_address_rewritten";
    /** none_seen, cgnat, cgnat_likely, double_nat, double_nat_possible: a NAT beyond the site's router, and how sure. */
    public static final String LABEL_DOUBLE_NAT = "double_nat";
    // UDP binding lifetime (issue 12): longest idle time that survived, shortest that expired, the search's cap
    public static final String BINDING_SURVIVED_TWO_WAY_MS = "binding_survived_two_way_ms";
    public static final String BINDING_EXPIRED_TWO_WAY_MS = "binding_expired_two_way_ms";
    public static final String BINDING_SURVIVED_ONE_WAY_MS = "binding_survived_one_way_ms";
    public static final String BINDING_EXPIRED_ONE_WAY_MS = "binding_expired_one_way_ms";
    public static final String BINDING_CAP_MS = "binding_cap_ms";
}
