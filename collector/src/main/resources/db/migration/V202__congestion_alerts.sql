-- Issue 11: the congestion alert kind (a site's QoS verdict became congestion_upstream/downstream), and what its
-- messages carry besides the numbers: verdict, evidence and sizing advice.
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('quality', 'agent_offline', 'congestion'));
ALTER TABLE alerts ADD COLUMN details jsonb CHECK (details IS NULL OR jsonb_typeof(details) = 'object');
