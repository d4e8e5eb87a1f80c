-- Issues 14/15: several collectors on one database, and rollups that merge only what arrived.
-- job_leases (both modes): a scheduled job that must run once per interval across all collectors (retention,
-- result-id pruning, QoS advice) starts only when it can claim its row (jobs/JobLease).
CREATE TABLE job_leases (
    job        text        PRIMARY KEY,
    started_at timestamptz NOT NULL,
    holder     text        NOT NULL
);

-- Plain PostgreSQL only (under TimescaleDB the continuous aggregates keep the rollups):
--   rollup_watermark: every result received before received_before is in results_5m/results_1h. One row; a run
--                     locks it (FOR UPDATE SKIP LOCKED), so one collector at a time merges a page.
--   rollup_sums_5m/_1h: per rollup row, how many finite values each average has and their exact sum (numeric), so
--                     a page of new results merges into an average that equals a recompute from all raw rows.
--   A rollup row without its sums row (written before this migration) is recomputed from raw results the first
--   time a new result touches it; the watermark starts at the first run (callready.rollup.lookback back).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        CREATE TABLE rollup_watermark (
            id              integer     PRIMARY KEY CHECK (id = 1),
            received_before timestamptz NOT NULL
        );
        CREATE TABLE rollup_sums_5m (
            site_id                  uuid    NOT NULL,
            target                   text    NOT NULL,
            kind                     text    NOT NULL,
            bucket                   timestamptz NOT NULL,
            mos_n                    bigint  NOT NULL,
            mos_sum                  numeric,
            rtt_ms_n                 bigint  NOT NULL,
            rtt_ms_sum               numeric,
            jitter_ms_n              bigint  NOT NULL,
            jitter_ms_sum            numeric,
            loss_ratio_n             bigint  NOT NULL,
            loss_ratio_sum           numeric,
            up_bps_n                 bigint  NOT NULL,
            up_bps_sum               numeric,
            down_bps_n               bigint  NOT NULL,
            down_bps_sum             numeric,
            up_utilisation_pct_n     bigint  NOT NULL,
            up_utilisation_pct_sum   numeric,
            down_utilisation_pct_n   bigint  NOT NULL,
            down_utilisation_pct_sum numeric,
            PRIMARY KEY (site_id, target, kind, bucket)
        );
        CREATE TABLE rollup_sums_1h (LIKE rollup_sums_5m INCLUDING ALL);
        CREATE INDEX rollup_sums_5m_bucket_idx ON rollup_sums_5m (bucket);
        CREATE INDEX rollup_sums_1h_bucket_idx ON rollup_sums_1h (bucket);
    END IF;
END
$$;
