-- The newest result of every site, probe kind and target (issues 13 and 15), so the fleet dashboard and the API's
-- "latest" read a few rows per site instead of probing results per site (seconds at 10,000 sites). Ingest keeps it
-- in the batch's transaction with one statement (SiteLatestWriter); a row names its result by the results key
-- (result_id, started_at) and carries the status and the quality metrics the fleet panels show. No foreign keys, as
-- on results: the fleet panels join sites, so a deleted site's rows are never shown.
CREATE TABLE site_latest (
    site_id         uuid             NOT NULL,
    kind            text             NOT NULL,
    target          text             NOT NULL,
    customer_id     uuid             NOT NULL,
    result_id       uuid             NOT NULL,
    started_at      timestamptz      NOT NULL,
    status          text             NOT NULL,
    mos             double precision,
    jitter_up_ms    double precision,
    jitter_down_ms  double precision,
    loss_up_ratio   double precision,
    loss_down_ratio double precision,
    rtt_ms          double precision,
    PRIMARY KEY (site_id, kind, target)
);

-- Rebuilds site_latest from results: run below for the rows stored before this migration, and by test and benchmark
-- seeds that write results with SQL. A metric counts only as a finite number (rollup_metric, V104).
CREATE FUNCTION site_latest_refill() RETURNS void
    LANGUAGE sql AS $fn$
    TRUNCATE site_latest;
    INSERT INTO site_latest (site_id, kind, target, customer_id, result_id, started_at, status,
                             mos, jitter_up_ms, jitter_down_ms, loss_up_ratio, loss_down_ratio, rtt_ms)
    SELECT DISTINCT ON (site_id, kind, target) site_id, kind, target, customer_id, result_id, started_at, status,
           rollup_metric(metrics, 'mos'), rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms'),
           rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio'), rollup_metric(metrics, 'rtt_ms')
    FROM results
    ORDER BY site_id, kind, target, started_at DESC, result_id DESC;
$fn$;

SELECT site_latest_refill();

-- Per-customer Grafana access (V110, V205): the same customer filter and grant as every other dash view.
CREATE VIEW dash.site_latest WITH (security_barrier) AS
    SELECT * FROM public.site_latest
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
GRANT SELECT ON dash.site_latest TO callready_customer_readers;
