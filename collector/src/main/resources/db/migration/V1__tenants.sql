-- Tenant tree: an MSP's customers, their sites, and the agents installed at each site.

CREATE TABLE customers (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sites (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customers (id),
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (customer_id, name)
);

CREATE TABLE agents (
    id           uuid        PRIMARY KEY,
    site_id      uuid        NOT NULL REFERENCES sites (id),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    -- SHA-256 (hex) of the bearer token; the token itself is shown once at creation and never stored.
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_seen_at timestamptz
);

CREATE INDEX agents_site_idx ON agents (site_id);
-- A revoked agent frees its name, so a reinstalled box can be enrolled under the same name.
CREATE UNIQUE INDEX agents_site_active_name_key ON agents (site_id, name) WHERE revoked_at IS NULL;
