-- Notification channels, routing rules and the durable outbox of deliveries.

CREATE TABLE notify_channels (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
    kind            text        NOT NULL CHECK (kind IN ('webhook', 'slack', 'teams', 'pagerduty')),
    url             text        NOT NULL CHECK (char_length(url) <= 2000),
    -- webhook: the whsec_ signing secret; pagerduty: the integration routing key. Needed in clear to sign.
    secret          text,
    enabled         boolean     NOT NULL DEFAULT true,
    disabled_reason text,
    created_at      timestamptz NOT NULL
);

-- A channel receives an event when one of its routes matches: its customer (NULL = every customer) and
-- a severity at least min_severity.
CREATE TABLE notify_routes (
    id           uuid PRIMARY KEY,
    channel_id   uuid NOT NULL REFERENCES notify_channels (id) ON DELETE CASCADE,
    customer_id  uuid REFERENCES customers (id),
    min_severity text NOT NULL CHECK (min_severity IN ('warning', 'critical'))
);
CREATE INDEX notify_routes_channel_idx ON notify_routes (channel_id);

-- One row per (event, channel). message_id is the webhook-id / idempotency key and never changes across
-- retries. The event is stored, not the rendered body, so a row survives a restart with everything needed.
CREATE TABLE notify_outbox (
    id               bigserial   PRIMARY KEY,
    message_id       text        NOT NULL UNIQUE,
    channel_id       uuid        NOT NULL REFERENCES notify_channels (id) ON DELETE CASCADE,
    event            jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    give_up_at       timestamptz NOT NULL,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    last_response    text,
    delivered_at     timestamptz,
    alert_id         uuid,
    incident_id      uuid
);
CREATE INDEX notify_outbox_due_idx ON notify_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notify_outbox_channel_idx ON notify_outbox (channel_id, id DESC);
CREATE INDEX notify_outbox_alert_idx ON notify_outbox (alert_id) WHERE status = 'pending';
