-- Issue 15: a 3-hour tier of results_1h for the customer panels over long ranges (the heat map's 3-hour cells over
-- 30 days, the share of bursts beyond 24 hours), so 30 days read a third of the hourly rows. Built from results_1h,
-- not from raw results, so both panels answer what they answered from the hourly tier:
--   mos_avg, mos_weight: the burst-weighted mean of the hourly MOS means, and its weight (bursts of the hours that
--                        have a MOS), so cells of several 3-hour rows combine as sum(mos_avg * mos_weight) / sum(mos_weight);
--   <metric>_good/_acceptable/_problematic: bursts of the hours whose mean falls in that class, by DOMAIN.md's
--                        thresholds with the alerts' "strictly worse" rule, as the share panel classifies hourly rows.
-- Buckets are 3 hours from midnight UTC in both modes, so any cell of a whole multiple of 3 hours is whole buckets.
--   TimescaleDB: a hierarchical continuous aggregate on results_1h, real time like the others (V211); it starts
--                empty and its policy refills the last 7 days (CALL refresh_continuous_aggregate('results_3h', NULL,
--                NULL) refills whatever results_1h holds). Retention is set by the collector (rollup-1h's).
--   PostgreSQL:  a table the rollup job recomputes per touched bucket after each page's hourly merge
--                (storage/RollupThreeHours), filled here from the hourly rows already stored; RetentionJob trims it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        EXECUTE $ddl$
            CREATE MATERIALIZED VIEW results_3h WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '3 hours', h.bucket) AS bucket,
                   h.customer_id, h.site_id, h.target, h.kind,
                   sum(h.result_count)::bigint AS result_count,
                   sum(h.mos_avg * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0) AS mos_avg,
                   coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0)::bigint AS mos_weight,
                   coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg <= 20), 0)::bigint AS jitter_ms_good,
                   coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg > 20 AND h.jitter_ms_avg <= 30), 0)::bigint AS jitter_ms_acceptable,
                   coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg > 30), 0)::bigint AS jitter_ms_problematic,
                   coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg <= 0.005), 0)::bigint AS loss_ratio_good,
                   coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg > 0.005 AND h.loss_ratio_avg <= 0.01), 0)::bigint AS loss_ratio_acceptable,
                   coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg > 0.01), 0)::bigint AS loss_ratio_problematic,
                   coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg >= 4.0), 0)::bigint AS mos_good,
                   coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg < 4.0 AND h.mos_avg >= 3.6), 0)::bigint AS mos_acceptable,
                   coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg < 3.6), 0)::bigint AS mos_problematic,
                   coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg <= 100), 0)::bigint AS rtt_ms_good,
                   coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg > 100 AND h.rtt_ms_avg <= 150), 0)::bigint AS rtt_ms_acceptable,
                   coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg > 150), 0)::bigint AS rtt_ms_problematic
            FROM results_1h h
            GROUP BY 1, h.customer_id, h.site_id, h.target, h.kind
            WITH NO DATA
        $ddl$;
        PERFORM add_continuous_aggregate_policy('results_3h', start_offset => INTERVAL '7 days',
                end_offset => INTERVAL '3 hours', schedule_interval => INTERVAL '1 hour');
        ALTER MATERIALIZED VIEW results_3h SET (timescaledb.materialized_only = false);
    ELSE
        CREATE TABLE results_3h (
            bucket                 timestamptz      NOT NULL,
            customer_id            uuid             NOT NULL,
            site_id                uuid             NOT NULL,
            target                 text             NOT NULL,
            kind                   text             NOT NULL,
            result_count           bigint           NOT NULL,
            mos_avg                double precision,
            mos_weight             bigint           NOT NULL,
            jitter_ms_good         bigint           NOT NULL,
            jitter_ms_acceptable   bigint           NOT NULL,
            jitter_ms_problematic  bigint           NOT NULL,
            loss_ratio_good        bigint           NOT NULL,
            loss_ratio_acceptable  bigint           NOT NULL,
            loss_ratio_problematic bigint           NOT NULL,
            mos_good               bigint           NOT NULL,
            mos_acceptable         bigint           NOT NULL,
            mos_problematic        bigint           NOT NULL,
            rtt_ms_good            bigint           NOT NULL,
            rtt_ms_acceptable      bigint           NOT NULL,
            rtt_ms_problematic     bigint           NOT NULL,
            PRIMARY KEY (site_id, target, kind, bucket)
        );
        CREATE INDEX results_3h_bucket_idx ON results_3h (bucket);
        -- One 3-hour row from its hourly rows; the rollup job (storage/RollupThreeHours) calls it per touched
        -- bucket, so the row is read through the primary key, and it fills what results_1h already holds.
        CREATE FUNCTION results_3h_bucket(p_site_id uuid, p_target text, p_kind text, p_bucket timestamptz)
            RETURNS SETOF results_3h LANGUAGE sql STABLE AS $fn$
            SELECT p_bucket, h.customer_id, p_site_id, p_target, p_kind,
               sum(h.result_count)::bigint,
               sum(h.mos_avg * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0),
               coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg <= 20), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg > 20 AND h.jitter_ms_avg <= 30), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.jitter_ms_avg > 30), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg <= 0.005), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg > 0.005 AND h.loss_ratio_avg <= 0.01), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.loss_ratio_avg > 0.01), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg >= 4.0), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg < 4.0 AND h.mos_avg >= 3.6), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.mos_avg < 3.6), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg <= 100), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg > 100 AND h.rtt_ms_avg <= 150), 0)::bigint,
               coalesce(sum(h.result_count) FILTER (WHERE h.rtt_ms_avg > 150), 0)::bigint
            FROM results_1h h
            WHERE h.site_id = p_site_id AND h.target = p_target AND h.kind = p_kind
              AND h.bucket >= p_bucket AND h.bucket < p_bucket + INTERVAL '3 hours'
            GROUP BY h.customer_id
        $fn$;
        INSERT INTO results_3h
        SELECT b.*
        FROM (SELECT DISTINCT site_id, target, kind, date_bin(INTERVAL '3 hours', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket
              FROM results_1h) t
        CROSS JOIN LATERAL results_3h_bucket(t.site_id, t.target, t.kind, t.bucket) b;
    END IF;
END
$$;
-- The heat map and the share panel read it by customer, kind and time, from the index alone once vacuumed; in
-- bucket and site order, so a 3-hour cell's rows (one per target) are grouped as they stream in.
CREATE INDEX results_3h_customer_idx ON results_3h (customer_id, kind, bucket, site_id)
    INCLUDE (result_count, mos_avg, mos_weight, jitter_ms_good, jitter_ms_acceptable, jitter_ms_problematic,
             loss_ratio_good, loss_ratio_acceptable, loss_ratio_problematic, mos_good, mos_acceptable, mos_problematic,
             rtt_ms_good, rtt_ms_acceptable, rtt_ms_problematic);
-- Per-customer Grafana access (V110): the same filter and grant as the other tiers.
CREATE VIEW dash.results_3h WITH (security_barrier) AS
    SELECT * FROM public.results_3h
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
GRANT SELECT ON dash.results_3h TO callready_customer_readers;
