-- V103 (plain PostgreSQL only) and V120 both indexed results (received_at): every ingested row paid for two
-- identical indexes (issue 15). V120's index serves the evaluator, the rollups and the retention of result ids.
DROP INDEX IF EXISTS results_received_idx;
