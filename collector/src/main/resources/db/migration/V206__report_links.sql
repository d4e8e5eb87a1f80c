-- Issue 13: share links of the readiness report. The token itself is never stored, only its SHA-256, so a database
-- dump opens no report. A link shows its own site only; revoked_at set = revoked (kept so the page can say so).
CREATE TABLE report_links (
    id             uuid        PRIMARY KEY,
    site_id        uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    customer_id    uuid        NOT NULL,
    token_sha256   bytea       NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    window_seconds integer     NOT NULL CHECK (window_seconds BETWEEN 3600 AND 7776000),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL CHECK (expires_at > created_at),
    revoked_at     timestamptz
);
CREATE INDEX report_links_site_idx ON report_links (site_id);
