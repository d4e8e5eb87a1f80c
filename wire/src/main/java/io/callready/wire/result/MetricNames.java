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
    public static final String BURST_RATIO_UP = "burst_ratio_up";
    public static final String BURST_RATIO_DOWN = "burst_ratio_down";
    public static final String ONE_WAY_DELAY_MS = "mouth_to_ear_delay_ms";
    public static final String R_FACTOR = "r_factor";
    public static final String MOS = "mos";
    public static final String MOS_UP = "mos_up";
    public static final String MOS_DOWN = "mos_down";

    public static final String LABEL_CODEC = "codec";
    public static final String LABEL_MOS_PROVISIONAL = "mos_provisional";
    public static final String LABEL_PTIME_MS = "ptime_ms";
    /** DSCP the agent marked its packets with. */
    public static final String LABEL_DSCP = "dscp";
    /** DSCP the reflector saw on arrival (most common value), when it can read it: shows bleaching on the way up. */
    public static final String LABEL_DSCP_SEEN_UP = "dscp_seen_up";

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
}
