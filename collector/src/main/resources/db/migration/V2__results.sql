-- One row per probe run, for every probe kind (RTP, SIP, NAT, DSCP, traffic, ...): the numbers are in
-- metrics (unit in each key), the qualifiers in labels, the evidence in details. Alerts, plans and traffic
-- samples get their own tables.
--
-- customer_id/site_id/agent_id come from the authenticated agent, never from the payload. They carry no
-- foreign keys: the ids are valid by construction, and a high-volume time series should not take row locks
-- on the tenant tables at every insert.

CREATE TABLE results (
    result_id   uuid        NOT NULL,
    started_at  timestamptz NOT NULL,
    customer_id uuid        NOT NULL,
    site_id     uuid        NOT NULL,
    agent_id    uuid        NOT NULL,
    kind        text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,63}$'),
    target      text        NOT NULL CHECK (char_length(target) BETWEEN 1 AND 255),
    status      text        NOT NULL CHECK (status IN ('ok', 'degraded', 'failed', 'error')),
    reason      text        NOT NULL CHECK (char_length(reason) <= 2000),
    duration_ms integer     NOT NULL CHECK (duration_ms >= 0),
    metrics     jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metrics) = 'object'),
    labels      jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(labels) = 'object'),
    details     jsonb,
    received_at timestamptz NOT NULL DEFAULT now(),
    -- The time column is part of the key so the key stays valid when results becomes a hypertable;
    -- ingest relies on it with ON CONFLICT (result_id, started_at) DO NOTHING.
    PRIMARY KEY (result_id, started_at)
);

CREATE INDEX results_site_time_idx ON results (site_id, started_at DESC);
CREATE INDEX results_customer_time_idx ON results (customer_id, started_at DESC);
