-- Issue 11: site facts the QoS advisor needs and its stored assessments (the congestion alert kind is V202,
-- since alerts live in the V2xx series).
-- A site's zone and peak calls fall back to its customer's; line rate, codec and ptime come from the site's plan.
ALTER TABLE customers
    ADD COLUMN time_zone        text    NOT NULL DEFAULT 'UTC' CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    ADD COLUMN max_simultaneous_calls integer CHECK (max_simultaneous_calls >= 0);

ALTER TABLE sites
    ADD COLUMN time_zone  text    CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    ADD COLUMN peak_calls integer CHECK (peak_calls >= 0),
    ADD COLUMN profile    text    CHECK (char_length(profile) BETWEEN 1 AND 100);

-- The latest assessment of each site, written by the qos-advice job; the API reads only this table. assessment holds
-- {"assessment": the advisor's answer, "facts": the site facts it used}, so a vendor snippet renders from it alone.
-- results_through is the newest received_at the assessment saw: a site is assessed again only after newer results.
CREATE TABLE qos_assessments (
    site_id         uuid        PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    customer_id     uuid        NOT NULL,
    verdict         text        NOT NULL CHECK (verdict ~ '^[a-z][a-z_]{0,63}$'),
    assessment      jsonb       NOT NULL CHECK (jsonb_typeof(assessment) = 'object'),
    computed_at     timestamptz NOT NULL,
    results_through timestamptz NOT NULL
);
CREATE INDEX qos_assessments_customer_idx ON qos_assessments (customer_id, verdict);
