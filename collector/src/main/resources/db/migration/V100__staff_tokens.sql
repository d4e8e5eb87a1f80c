-- API tokens of MSP staff. Like agent tokens, only the SHA-256 is kept. A token with a customer_id sees and
-- changes only that customer; without one it spans every customer. The bootstrap admin token (config or the
-- generated admin-token file) is not stored here.
CREATE TABLE staff_tokens (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    token_hash  text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    role        text        NOT NULL CHECK (role IN ('admin', 'read_only')),
    customer_id uuid        REFERENCES customers (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE INDEX staff_tokens_customer_idx ON staff_tokens (customer_id);
