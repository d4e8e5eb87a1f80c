-- Rollups of results per 5 minutes and per hour, per site, target and kind: results_5m and results_1h, with the
-- same names and columns whichever mode runs, so dashboards do not care.
--   TimescaleDB: continuous aggregates refreshed by policies; results gets compression (after 7 days).
--                Retention policies are (re)set by the collector at start from callready.retention.*.
--   PostgreSQL:  ordinary tables kept up to date by the collector (RollupJob) and trimmed by RetentionJob.
-- jitter and loss take the worse direction of each result; failed_count counts failed and error results.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        EXECUTE $ddl$
            CREATE MATERIALIZED VIEW results_5m WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '5 minutes', started_at) AS bucket,
                   customer_id, site_id, target, kind,
                   count(*) AS result_count,
                   count(*) FILTER (WHERE status = 'ok') AS ok_count,
                   count(*) FILTER (WHERE status IN ('failed', 'error')) AS failed_count,
                   avg((metrics ->> 'mos')::double precision) AS mos_avg,
                   min((metrics ->> 'mos')::double precision) AS mos_min,
                   max((metrics ->> 'mos')::double precision) AS mos_max,
                   avg((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_avg,
                   min((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_min,
                   max((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_max,
                   avg(greatest((metrics ->> 'jitter_up_ms')::double precision, (metrics ->> 'jitter_down_ms')::double precision)) AS jitter_ms_avg,
                   max(greatest((metrics ->> 'jitter_up_ms')::double precision, (metrics ->> 'jitter_down_ms')::double precision)) AS jitter_ms_max,
                   avg(greatest((metrics ->> 'loss_up_ratio')::double precision, (metrics ->> 'loss_down_ratio')::double precision)) AS loss_ratio_avg,
                   max(greatest((metrics ->> 'loss_up_ratio')::double precision, (metrics ->> 'loss_down_ratio')::double precision)) AS loss_ratio_max
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
                   avg((metrics ->> 'mos')::double precision) AS mos_avg,
                   min((metrics ->> 'mos')::double precision) AS mos_min,
                   max((metrics ->> 'mos')::double precision) AS mos_max,
                   avg((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_avg,
                   min((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_min,
                   max((metrics ->> 'rtt_ms')::double precision) AS rtt_ms_max,
                   avg(greatest((metrics ->> 'jitter_up_ms')::double precision, (metrics ->> 'jitter_down_ms')::double precision)) AS jitter_ms_avg,
                   max(greatest((metrics ->> 'jitter_up_ms')::double precision, (metrics ->> 'jitter_down_ms')::double precision)) AS jitter_ms_max,
                   avg(greatest((metrics ->> 'loss_up_ratio')::double precision, (metrics ->> 'loss_down_ratio')::double precision)) AS loss_ratio_avg,
                   max(greatest((metrics ->> 'loss_up_ratio')::double precision, (metrics ->> 'loss_down_ratio')::double precision)) AS loss_ratio_max
            FROM results
            GROUP BY bucket, customer_id, site_id, target, kind
            WITH NO DATA
        $ddl$;
        -- Refresh windows reach back 7 days so results an agent ships late (after an outage) still land in the rollups.
        PERFORM add_continuous_aggregate_policy('results_5m', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '5 minutes', schedule_interval => INTERVAL '5 minutes');
        PERFORM add_continuous_aggregate_policy('results_1h', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
        EXECUTE $ddl$
            ALTER TABLE results SET (timescaledb.compress,
                                     timescaledb.compress_segmentby = 'site_id',
                                     timescaledb.compress_orderby = 'started_at DESC')
        $ddl$;
        PERFORM add_compression_policy('results', INTERVAL '7 days');
    ELSE
        CREATE TABLE results_5m (
            bucket         timestamptz      NOT NULL,
            customer_id    uuid             NOT NULL,
            site_id        uuid             NOT NULL,
            target         text             NOT NULL,
            kind           text             NOT NULL,
            result_count   bigint           NOT NULL,
            ok_count       bigint           NOT NULL,
            failed_count   bigint           NOT NULL,
            mos_avg        double precision,
            mos_min        double precision,
            mos_max        double precision,
            rtt_ms_avg     double precision,
            rtt_ms_min     double precision,
            rtt_ms_max     double precision,
            jitter_ms_avg  double precision,
            jitter_ms_max  double precision,
            loss_ratio_avg double precision,
            loss_ratio_max double precision,
            PRIMARY KEY (site_id, target, kind, bucket)
        );
        CREATE TABLE results_1h (LIKE results_5m INCLUDING ALL);
        CREATE INDEX results_5m_bucket_idx ON results_5m (bucket);
        CREATE INDEX results_1h_bucket_idx ON results_1h (bucket);
        -- The rollup job finds the buckets to recompute by what arrived since its last run.
        CREATE INDEX results_received_idx ON results (received_at);
    END IF;
END
$$;
