-- TimescaleDB: the continuous aggregates answer in real time, as the plain-PostgreSQL rollups do. Without this a
-- refresh policy leaves out the buckets after its end offset (5 minutes, 1 hour) until its next run, so a dashboard
-- read results_5m without the newest 5 to 10 minutes and results_1h without the current hour or more
-- (TimescaleDashboardParityIT showed it); real-time aggregation adds those buckets from the raw results at read time.
-- Plain PostgreSQL: nothing to do (RollupJob upserts every minute).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        ALTER MATERIALIZED VIEW results_5m SET (timescaledb.materialized_only = false);
        ALTER MATERIALIZED VIEW results_1h SET (timescaledb.materialized_only = false);
    END IF;
END
$$;
