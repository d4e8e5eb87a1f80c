-- Alert evaluation and the rollup job read what arrived since their cursor (received_at); without an index each
-- pass scanned all of results, and the evaluator's page bound (issue 15) sorts by it. Plain PostgreSQL and
-- TimescaleDB alike (an index on a hypertable is created on every chunk).
CREATE INDEX results_received_at_idx ON results (received_at);
