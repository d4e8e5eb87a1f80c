-- Issue 11: the rollups carry WAN traffic (wan_traffic results): mean and peak bits/s and utilisation per direction,
-- by the same value rule as the other metrics (rollup_metric). Plain PostgreSQL: new columns, filled by RollupJob.
-- TimescaleDB: the continuous aggregates are recreated with the V104 columns plus these (a continuous aggregate's
-- query cannot be altered); as in V104 they start empty, the policies refill the last 7 days and
-- CALL refresh_continuous_aggregate('results_5m', NULL, NULL) (and 'results_1h') refills what raw retention holds.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM remove_retention_policy('results_5m', if_exists => true);
        PERFORM remove_retention_policy('results_1h', if_exists => true);
        DROP MATERIALIZED VIEW results_1h;
        DROP MATERIALIZED VIEW results_5m;
        EXECUTE $ddl$
            CREATE MATERIALIZED VIEW results_5m WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '5 minutes', started_at) AS bucket,
                   customer_id, site_id, target, kind,
                   count(*) AS result_count,
                   count(*) FILTER (WHERE status = 'ok') AS ok_count,
                   count(*) FILTER (WHERE status IN ('failed', 'error')) AS failed_count,
                   avg(rollup_metric(metrics, 'mos')::numeric)::double precision AS mos_avg,
                   min(rollup_metric(metrics, 'mos')) AS mos_min,
                   max(rollup_metric(metrics, 'mos')) AS mos_max,
                   avg(rollup_metric(metrics, 'rtt_ms')::numeric)::double precision AS rtt_ms_avg,
                   min(rollup_metric(metrics, 'rtt_ms')) AS rtt_ms_min,
                   max(rollup_metric(metrics, 'rtt_ms')) AS rtt_ms_max,
                   avg(greatest(rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms'))::numeric)::double precision AS jitter_ms_avg,
                   max(greatest(rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms'))) AS jitter_ms_max,
                   avg(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))::numeric)::double precision AS loss_ratio_avg,
                   max(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))) AS loss_ratio_max,
                   avg(rollup_metric(metrics, 'up_bps')::numeric)::double precision AS up_bps_avg,
                   max(rollup_metric(metrics, 'up_bps')) AS up_bps_max,
                   avg(rollup_metric(metrics, 'down_bps')::numeric)::double precision AS down_bps_avg,
                   max(rollup_metric(metrics, 'down_bps')) AS down_bps_max,
                   avg(rollup_metric(metrics, 'up_utilisation_pct')::numeric)::double precision AS up_utilisation_pct_avg,
                   max(rollup_metric(metrics, 'up_utilisation_pct')) AS up_utilisation_pct_max,
                   avg(rollup_metric(metrics, 'down_utilisation_pct')::numeric)::double precision AS down_utilisation_pct_avg,
                   max(rollup_metric(metrics, 'down_utilisation_pct')) AS down_utilisation_pct_max
            FROM results
            GROUP BY bucket, customer_id, site_id, target, kind
            WITH NO DATA
        $ddl$;
        EXECUTE $ddl$
            CREATE MATERIALIZED VIEW results_1h WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '1 hour', started_at) AS bucket,
                   customer_id, site_id, target, kind,
                   count(*) AS result_count,
                   count(*) FILTER (WHERE status = 'ok') AS ok_count,
                   count(*) FILTER (WHERE status IN ('failed', 'error')) AS failed_count,
                   avg(rollup_metric(metrics, 'mos')::numeric)::double precision AS mos_avg,
                   min(rollup_metric(metrics, 'mos')) AS mos_min,
                   max(rollup_metric(metrics, 'mos')) AS mos_max,
                   avg(rollup_metric(metrics, 'rtt_ms')::numeric)::double precision AS rtt_ms_avg,
                   min(rollup_metric(metrics, 'rtt_ms')) AS rtt_ms_min,
                   max(rollup_metric(metrics, 'rtt_ms')) AS rtt_ms_max,
                   avg(greatest(rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms'))::numeric)::double precision AS jitter_ms_avg,
                   max(greatest(rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms'))) AS jitter_ms_max,
                   avg(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))::numeric)::double precision AS loss_ratio_avg,
                   max(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))) AS loss_ratio_max,
                   avg(rollup_metric(metrics, 'up_bps')::numeric)::double precision AS up_bps_avg,
                   max(rollup_metric(metrics, 'up_bps')) AS up_bps_max,
                   avg(rollup_metric(metrics, 'down_bps')::numeric)::double precision AS down_bps_avg,
                   max(rollup_metric(metrics, 'down_bps')) AS down_bps_max,
                   avg(rollup_metric(metrics, 'up_utilisation_pct')::numeric)::double precision AS up_utilisation_pct_avg,
                   max(rollup_metric(metrics, 'up_utilisation_pct')) AS up_utilisation_pct_max,
                   avg(rollup_metric(metrics, 'down_utilisation_pct')::numeric)::double precision AS down_utilisation_pct_avg,
                   max(rollup_metric(metrics, 'down_utilisation_pct')) AS down_utilisation_pct_max
            FROM results
            GROUP BY bucket, customer_id, site_id, target, kind
            WITH NO DATA
        $ddl$;
        -- Refresh windows reach back 7 days so results an agent ships late (after an outage) still land in the rollups.
        PERFORM add_continuous_aggregate_policy('results_5m', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '5 minutes', schedule_interval => INTERVAL '5 minutes');
        PERFORM add_continuous_aggregate_policy('results_1h', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
    ELSE
        ALTER TABLE results_5m
            ADD COLUMN up_bps_avg               double precision,
            ADD COLUMN up_bps_max               double precision,
            ADD COLUMN down_bps_avg             double precision,
            ADD COLUMN down_bps_max             double precision,
            ADD COLUMN up_utilisation_pct_avg   double precision,
            ADD COLUMN up_utilisation_pct_max   double precision,
            ADD COLUMN down_utilisation_pct_avg double precision,
            ADD COLUMN down_utilisation_pct_max double precision;
        ALTER TABLE results_1h
            ADD COLUMN up_bps_avg               double precision,
            ADD COLUMN up_bps_max               double precision,
            ADD COLUMN down_bps_avg             double precision,
            ADD COLUMN down_bps_max             double precision,
            ADD COLUMN up_utilisation_pct_avg   double precision,
            ADD COLUMN up_utilisation_pct_max   double precision,
            ADD COLUMN down_utilisation_pct_avg double precision,
            ADD COLUMN down_utilisation_pct_max double precision;
    END IF;
END
$$;
