-- Issue 15, found in review: V219 weighted the hourly MOS means in double precision (sum(mos_avg * result_count)),
-- so hourly means near the largest double (V104's rule lets any finite double into the rollups; only the ingest's
-- ranges keep MOS within 1..4.5) overflowed it: the plain rollup job then skipped the site's whole page, and a
-- TimescaleDB refresh of results_3h failed for every tenant. The weighted sum is now exact (numeric), as the
-- other tiers' averages are (V107), and converted back to double precision once.
--   TimescaleDB: a continuous aggregate's query cannot be altered, so results_3h is recreated (empty; its policy
--                refills the last 7 days, CALL refresh_continuous_aggregate('results_3h', NULL, NULL) all of
--                results_1h) with its index, per-customer view and grant; TimescalePolicies sets its retention
--                again at the collector's next start.
--   PostgreSQL:  the per-bucket function is replaced; stored rows keep their values (the double sums they came
--                from did not overflow, and differ from the exact ones in the last bits at most).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        DROP VIEW dash.results_3h;
        PERFORM remove_retention_policy('results_3h', if_exists => true);
        DROP MATERIALIZED VIEW results_3h;
        EXECUTE $ddl$
            CREATE MATERIALIZED VIEW results_3h WITH (timescaledb.continuous) AS
            SELECT time_bucket(INTERVAL '3 hours', h.bucket) AS bucket,
                   h.customer_id, h.site_id, h.target, h.kind,
                   sum(h.result_count)::bigint AS result_count,
                   (sum(h.mos_avg::numeric * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0))::double precision AS mos_avg,
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
        CREATE INDEX results_3h_customer_idx ON results_3h (customer_id, kind, bucket, site_id)
            INCLUDE (result_count, mos_avg, mos_weight, jitter_ms_good, jitter_ms_acceptable, jitter_ms_problematic,
                     loss_ratio_good, loss_ratio_acceptable, loss_ratio_problematic, mos_good, mos_acceptable, mos_problematic,
                     rtt_ms_good, rtt_ms_acceptable, rtt_ms_problematic);
        CREATE VIEW dash.results_3h WITH (security_barrier) AS
            SELECT * FROM public.results_3h
            WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
        GRANT SELECT ON dash.results_3h TO callready_customer_readers;
    ELSE
        CREATE OR REPLACE FUNCTION results_3h_bucket(p_site_id uuid, p_target text, p_kind text, p_bucket timestamptz)
            RETURNS SETOF results_3h LANGUAGE sql STABLE AS $fn$
            SELECT p_bucket, h.customer_id, p_site_id, p_target, p_kind,
               sum(h.result_count)::bigint,
               (sum(h.mos_avg::numeric * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0))::double precision,
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
    END IF;
END
$$;
