-- Central probe plans: one per customer (site_id NULL) and one optional override per site. document holds the
-- validated JSON as the API accepted it; the effective plan of a site is computed from both when an agent asks.
CREATE TABLE probe_plans (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    site_id     uuid        REFERENCES sites (id) ON DELETE CASCADE,
    document    text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX probe_plans_customer_key ON probe_plans (customer_id) WHERE site_id IS NULL;
CREATE UNIQUE INDEX probe_plans_site_key ON probe_plans (site_id) WHERE site_id IS NOT NULL;
