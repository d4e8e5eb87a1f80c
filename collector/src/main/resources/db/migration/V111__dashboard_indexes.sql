-- Indexes the dashboards need to stay fast over 30 days (issues 13 and 15): customer panels read the rollups by
-- customer, kind and time (the primary keys start with site_id), covering what they read so a vacuumed rollup answers
-- from the index alone; the fleet and site checklist panels read the latest
-- checklist result per site, kind and target without walking the site's far more numerous measurement results.
-- Plain PostgreSQL and TimescaleDB alike (an index on a continuous aggregate goes onto its materialisation).
CREATE INDEX results_5m_customer_idx ON results_5m (customer_id, kind, bucket)
    INCLUDE (site_id, result_count, mos_avg, jitter_ms_avg, loss_ratio_avg, rtt_ms_avg);
CREATE INDEX results_1h_customer_idx ON results_1h (customer_id, kind, bucket)
    INCLUDE (site_id, result_count, mos_avg, jitter_ms_avg, loss_ratio_avg, rtt_ms_avg);
CREATE INDEX results_checklist_idx ON results (site_id, kind, target, started_at DESC)
    WHERE kind NOT IN ('rtp_burst', 'stamp', 'udp_echo', 'wan_traffic');
