-- One-time codes that let an agent install enroll itself at a site. Only the SHA-256 of the normalised code is
-- kept; a code is used at most once (used_at) and only before expires_at.
CREATE TABLE enrollment_codes (
    id         uuid        PRIMARY KEY,
    site_id    uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    code_hash  text        NOT NULL UNIQUE CHECK (code_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    agent_id   uuid
);

CREATE INDEX enrollment_codes_site_idx ON enrollment_codes (site_id);
