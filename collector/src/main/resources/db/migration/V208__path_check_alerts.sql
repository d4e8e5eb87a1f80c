-- Thresholds for the path checks' alerts (issue 12): DSCP classes changed, RTP ports blocked, UDP binding lifetime.
ALTER TABLE alert_thresholds DROP CONSTRAINT alert_thresholds_metric_check;
ALTER TABLE alert_thresholds ADD CONSTRAINT alert_thresholds_metric_check CHECK (metric IN ('jitter_ms', 'loss_ratio', 'rtt_ms', 'mos',
    'dscp_classes_changed_count', 'rtp_ports_blocked_count', 'udp_binding_lifetime_ms'));
