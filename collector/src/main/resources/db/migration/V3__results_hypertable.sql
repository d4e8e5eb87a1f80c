-- With TimescaleDB installed, results becomes a hypertable chunked by day; on plain PostgreSQL this is a no-op
-- and results stays an ordinary table. The function is only resolved when the branch runs.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('results', 'started_at',
                                  chunk_time_interval => INTERVAL '1 day',
                                  if_not_exists => TRUE,
                                  migrate_data => TRUE);
    END IF;
END
$$;
