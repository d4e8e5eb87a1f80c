-- One row per stored result id with the start time it was stored under. results' key must include started_at
-- (TimescaleDB allows unique indexes on a hypertable only when they hold the partition column), so on its own it
-- cannot stop one id from being stored twice with two start times; this small ordinary table can. Ingest writes
-- it in the same transaction as results: a resend with the same startedAt is a duplicate, another startedAt a
-- rejection. Plain PostgreSQL and TimescaleDB alike.
CREATE TABLE result_ids (
    result_id  uuid        PRIMARY KEY,
    started_at timestamptz NOT NULL
);

INSERT INTO result_ids (result_id, started_at)
SELECT result_id, min(started_at) FROM results GROUP BY result_id
ON CONFLICT (result_id) DO NOTHING;

-- Rows of results that retention deleted may go too; this index finds them.
CREATE INDEX result_ids_started_at_idx ON result_ids (started_at);
