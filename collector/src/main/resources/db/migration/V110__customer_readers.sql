-- Per-customer read-only database access for Grafana (issue 13), enforced by PostgreSQL, not by dashboard filters.
--
-- Design: schema "dash" holds one security-barrier view per relation a dashboard reads, each keeping only the rows of
-- the customer that the connected role reads for (looked up by current_user in customer_readers). A reader role
-- (created by the collector, one per customer, member of callready_customer_readers) has USAGE on dash and SELECT on
-- its views, nothing on public; its search_path is dash, so the dashboards' unqualified SQL ("FROM results") reads the
-- filtered views. Views and not row-level security because TimescaleDB's continuous aggregates (results_5m/_1h)
-- cannot have policies. The views run with their owner's rights, so a reader needs no grant on the base tables, and
-- security_barrier keeps a reader's own (possibly leaky) predicates from seeing rows before the customer filter.
-- A later migration that drops and recreates a base relation (as V104/V107 recreate the continuous aggregates) must
-- drop its dash view first and create it again afterwards, with the same filter and grant.
CREATE TABLE customer_readers (
    role_name   text        PRIMARY KEY CHECK (role_name ~ '^callready_reader_[0-9a-f]{32}$'),
    customer_id uuid        NOT NULL UNIQUE REFERENCES customers (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    rotated_at  timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callready_customer_readers') THEN
        CREATE ROLE callready_customer_readers NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA dash;
REVOKE ALL ON SCHEMA dash FROM PUBLIC;
GRANT USAGE ON SCHEMA dash TO callready_customer_readers;

CREATE VIEW dash.customers WITH (security_barrier) AS
    SELECT * FROM public.customers
    WHERE id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
CREATE VIEW dash.sites WITH (security_barrier) AS
    SELECT * FROM public.sites
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
CREATE VIEW dash.results WITH (security_barrier) AS
    SELECT * FROM public.results
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
CREATE VIEW dash.results_5m WITH (security_barrier) AS
    SELECT * FROM public.results_5m
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
CREATE VIEW dash.results_1h WITH (security_barrier) AS
    SELECT * FROM public.results_1h
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
CREATE VIEW dash.qos_assessments WITH (security_barrier) AS
    SELECT * FROM public.qos_assessments
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);

GRANT SELECT ON ALL TABLES IN SCHEMA dash TO callready_customer_readers;
