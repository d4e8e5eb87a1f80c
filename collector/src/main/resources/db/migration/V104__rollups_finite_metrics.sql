-- Rollups that no stored row can break. A metric enters a rollup only as a finite JSON number within the range
-- of double precision (rollup_metric); anything else (a string such as "NaN", an object, 1e400) counts as not
-- measured for that result, the way a missing key does. Averages are computed in numeric, so two rtt_ms of
-- 1e308 in one bucket no longer overflow the sum. The plain-PostgreSQL RollupJob uses the same function.
CREATE FUNCTION rollup_metric(metrics jsonb, key text) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT CASE WHEN jsonb_typeof(metrics -> key) = 'number'
                 AND abs((metrics -> key)::numeric) <= 1.7976931348623157e308
                 AND ((metrics -> key)::numeric = 0 OR abs((metrics -> key)::numeric) >= 2.2250738585072014e-308)
                THEN (metrics -> key)::numeric::double precision END
$fn$;

-- TimescaleDB: a continuous aggregate's query cannot be altered, so both are recreated with the same columns and
-- refresh policies as V103. They start empty: the policies refill the last 7 days, and
-- CALL refresh_continuous_aggregate('results_5m', NULL, NULL) (and 'results_1h') refills whatever raw results
-- retention still holds; rollup rows older than that are not recoverable.
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
                   max(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))) AS loss_ratio_max
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
                   max(greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'))) AS loss_ratio_max
            FROM results
            GROUP BY bucket, customer_id, site_id, target, kind
            WITH NO DATA
        $ddl$;
        -- Refresh windows reach back 7 days so results an agent ships late (after an outage) still land in the rollups.
        PERFORM add_continuous_aggregate_policy('results_5m', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '5 minutes', schedule_interval => INTERVAL '5 minutes');
        PERFORM add_continuous_aggregate_policy('results_1h', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
    END IF;
END
$$;
