-- Threshold overrides, breach state per series, the alert lifecycle, incidents and silences.
-- All times are written from the collector's clock, so timeline tests can drive them.

-- One override per metric for a whole customer (site_id NULL) or for one site; missing rows inherit.
CREATE TABLE alert_thresholds (
    customer_id uuid             NOT NULL REFERENCES customers (id),
    site_id     uuid             REFERENCES sites (id),
    metric      text             NOT NULL CHECK (metric IN ('jitter_ms', 'loss_ratio', 'rtt_ms', 'mos')),
    warning     double precision NOT NULL,
    critical    double precision NOT NULL,
    updated_at  timestamptz      NOT NULL
);
CREATE UNIQUE INDEX alert_thresholds_scope_key ON alert_thresholds (customer_id, coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid), metric);

-- Breach history of one (site, target, metric): the levels of the last samples, newest last
-- (0 clear, 1 inside the hysteresis band, 2 warning, 3 critical) and the newest sample already evaluated.
CREATE TABLE alert_series (
    site_id         uuid        NOT NULL,
    target          text        NOT NULL,
    metric          text        NOT NULL,
    last_started_at timestamptz NOT NULL,
    recent_levels   smallint[]  NOT NULL,
    PRIMARY KEY (site_id, target, metric)
);

-- Where the evaluator stopped reading results (database time of results.received_at).
CREATE TABLE alert_eval_cursor (
    id            integer     PRIMARY KEY CHECK (id = 1),
    received_from timestamptz NOT NULL
);
-- Starts now: results stored before alerting existed are history, not news.
INSERT INTO alert_eval_cursor VALUES (1, now());

CREATE TABLE incidents (
    id          uuid        PRIMARY KEY,
    target      text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('open', 'resolved')),
    opened_at   timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE UNIQUE INDEX incidents_one_open_per_target ON incidents (target) WHERE state = 'open';

CREATE TABLE alerts (
    id                uuid             PRIMARY KEY,
    dedup_key         text             NOT NULL,
    kind              text             NOT NULL CHECK (kind IN ('quality', 'agent_offline')),
    customer_id       uuid             NOT NULL,
    site_id           uuid             NOT NULL,
    target            text,
    metric            text,
    severity          text             NOT NULL CHECK (severity IN ('warning', 'critical')),
    state             text             NOT NULL CHECK (state IN ('firing', 'resolved')),
    value             double precision,
    threshold         double precision,
    started_at        timestamptz      NOT NULL,
    resolved_at       timestamptz,
    -- Set when the firing message went out; a resolve is only announced for an alert that was announced.
    notified_at       timestamptz,
    last_notified_at  timestamptz,
    incident_id       uuid             REFERENCES incidents (id)
);
CREATE UNIQUE INDEX alerts_one_firing_per_key ON alerts (dedup_key) WHERE state = 'firing';
CREATE INDEX alerts_customer_idx ON alerts (customer_id, started_at DESC);
CREATE INDEX alerts_firing_idx ON alerts (site_id) WHERE state = 'firing';

-- Silences / maintenance windows: a whole customer (site_id NULL) or one site, always with an end.
CREATE TABLE silences (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customers (id),
    site_id     uuid        REFERENCES sites (id),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
    comment     text        NOT NULL CHECK (char_length(comment) <= 500),
    created_at  timestamptz NOT NULL
);
CREATE INDEX silences_customer_idx ON silences (customer_id, ends_at);

-- The probe interval a site's agent reports in its results' "interval" label (largest seen), for the
-- offline rule; sites without one use callready.alerts.default-plan-interval.
CREATE TABLE alert_site_intervals (
    site_id     uuid   PRIMARY KEY,
    interval_ms bigint NOT NULL CHECK (interval_ms > 0)
);
