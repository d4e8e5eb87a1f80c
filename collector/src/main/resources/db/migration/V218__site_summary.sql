-- One row per site summarising its site_latest rows (issue 15), kept by triggers on site_latest in the writer's
-- transaction, so the fleet panels grade 10,000 sites from 10,000 rows instead of aggregating 40,000 site_latest rows
-- and sorting their bursts per query. What depends on the dashboard's "now" (offline after 15 minutes, a burst older
-- than an hour, a checklist failure older than 24 hours) stays in the panel SQL: the row keeps the times it needs.
CREATE TABLE site_summary (
    site_id             uuid             PRIMARY KEY,
    customer_id         uuid             NOT NULL,
    -- the newest started_at of any kind and target
    last_result_at      timestamptz      NOT NULL,
    -- the newest RTP burst (of any target) and its quality figures; NULL without one
    burst_at            timestamptz,
    mos                 double precision,
    jitter_up_ms        double precision,
    jitter_down_ms      double precision,
    loss_up_ratio       double precision,
    loss_down_ratio     double precision,
    rtt_ms              double precision,
    -- started_at of every checklist kind and target whose newest result is not ok; NULL when none fails
    checklist_failed_at timestamptz[]
);

-- Recomputes the summaries of the given sites from site_latest, after locking their rows: a concurrent writer of the
-- same site waits here until the other commits, and the recomputing statements (each with a new snapshot, READ
-- COMMITTED) then see its rows. Sites are taken in key order so two writers never wait on each other in a cycle.
CREATE FUNCTION site_summary_refresh(changed uuid[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO site_summary (site_id, customer_id, last_result_at)
    SELECT l.site_id, l.customer_id, l.started_at
    FROM (SELECT DISTINCT ON (site_id) site_id, customer_id, started_at FROM site_latest
          WHERE site_id = ANY (changed) ORDER BY site_id) l
    ORDER BY l.site_id
    ON CONFLICT (site_id) DO NOTHING;
    PERFORM 1 FROM site_summary WHERE site_id = ANY (changed) ORDER BY site_id FOR UPDATE;
    UPDATE site_summary g
       SET customer_id = a.customer_id, last_result_at = a.last_result_at, burst_at = b.started_at, mos = b.mos,
           jitter_up_ms = b.jitter_up_ms, jitter_down_ms = b.jitter_down_ms, loss_up_ratio = b.loss_up_ratio,
           loss_down_ratio = b.loss_down_ratio, rtt_ms = b.rtt_ms, checklist_failed_at = a.checklist_failed_at
      FROM (SELECT l.site_id, (array_agg(l.customer_id))[1] AS customer_id, max(l.started_at) AS last_result_at,
                   array_agg(l.started_at ORDER BY l.started_at)
                       FILTER (WHERE l.kind NOT IN ('rtp_burst', 'stamp', 'udp_echo', 'wan_traffic') AND l.status <> 'ok') AS checklist_failed_at
            FROM site_latest l WHERE l.site_id = ANY (changed) GROUP BY l.site_id) a
      LEFT JOIN (SELECT DISTINCT ON (l.site_id) l.site_id, l.started_at, l.mos, l.jitter_up_ms, l.jitter_down_ms,
                        l.loss_up_ratio, l.loss_down_ratio, l.rtt_ms
                 FROM site_latest l WHERE l.site_id = ANY (changed) AND l.kind = 'rtp_burst'
                 ORDER BY l.site_id, l.started_at DESC, l.result_id DESC) b ON b.site_id = a.site_id
     WHERE g.site_id = a.site_id;
    DELETE FROM site_summary g
     WHERE g.site_id = ANY (changed) AND NOT EXISTS (SELECT 1 FROM site_latest l WHERE l.site_id = g.site_id);
END;
$fn$;

-- Statement triggers: one refresh per writing statement (SiteLatestWriter writes a batch with one), over the sites
-- its rows name. An upsert that moved no row (a resend, an older result) leaves the summary alone.
CREATE FUNCTION site_summary_after_write() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
DECLARE
    changed uuid[];
BEGIN
    SELECT array_agg(DISTINCT site_id) INTO changed FROM written;
    IF changed IS NOT NULL THEN
        PERFORM site_summary_refresh(changed);
    END IF;
    RETURN NULL;
END;
$fn$;

CREATE FUNCTION site_summary_after_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $fn$
BEGIN
    TRUNCATE site_summary;
    RETURN NULL;
END;
$fn$;

CREATE TRIGGER site_summary_insert AFTER INSERT ON site_latest
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION site_summary_after_write();
CREATE TRIGGER site_summary_update AFTER UPDATE ON site_latest
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION site_summary_after_write();
CREATE TRIGGER site_summary_delete AFTER DELETE ON site_latest
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION site_summary_after_write();
CREATE TRIGGER site_summary_truncate AFTER TRUNCATE ON site_latest
    FOR EACH STATEMENT EXECUTE FUNCTION site_summary_after_truncate();

SELECT site_summary_refresh(array_agg(DISTINCT site_id)) FROM site_latest HAVING count(*) > 0;

-- Per-customer Grafana access (V110, V205): the same customer filter and grant as every other dash view.
CREATE VIEW dash.site_summary WITH (security_barrier) AS
    SELECT * FROM public.site_summary
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
GRANT SELECT ON dash.site_summary TO callready_customer_readers;
