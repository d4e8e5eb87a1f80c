WITH latest AS (
  SELECT l.site_id, bool_and(l.started_at <= $__timeTo()::timestamptz) AS up_to_date, max(l.started_at) AS last_result_at,
         count(*) FILTER (WHERE l.kind NOT IN ('rtp_burst', 'stamp', 'udp_echo', 'wan_traffic') AND l.status <> 'ok' AND l.started_at > $__timeTo()::timestamptz - INTERVAL '24 hours') AS checklist_failures
  FROM site_latest l JOIN sites s ON s.id = l.site_id
  WHERE s.customer_id IN ($customer)
  GROUP BY l.site_id
), burst AS (
  SELECT DISTINCT ON (l.site_id) l.site_id, l.started_at, l.mos, l.jitter_up_ms, l.jitter_down_ms, l.loss_up_ratio, l.loss_down_ratio, l.rtt_ms
  FROM site_latest l JOIN sites s ON s.id = l.site_id
  WHERE s.customer_id IN ($customer) AND l.kind = 'rtp_burst'
  ORDER BY l.site_id, l.started_at DESC
), site_now AS (
  SELECT s.customer_id, s.id, s.name AS site,
         b.mos, b.jitter_up_ms, b.jitter_down_ms, b.loss_up_ratio, b.loss_down_ratio, b.rtt_ms,
         CASE WHEN l.last_result_at > $__timeTo()::timestamptz - INTERVAL '24 hours' THEN l.last_result_at END AS last_result_at, l.checklist_failures
  FROM sites s JOIN latest l ON l.site_id = s.id AND l.up_to_date
  LEFT JOIN burst b ON b.site_id = s.id AND b.started_at > $__timeTo()::timestamptz - INTERVAL '1 hour'
  WHERE s.customer_id IN ($customer)
  UNION ALL
  SELECT s.customer_id, s.id, s.name,
         (b.metrics->>'mos')::float8, (b.metrics->>'jitter_up_ms')::float8, (b.metrics->>'jitter_down_ms')::float8,
         (b.metrics->>'loss_up_ratio')::float8, (b.metrics->>'loss_down_ratio')::float8, (b.metrics->>'rtt_ms')::float8,
         (SELECT max(r.started_at) FROM results r
           WHERE r.site_id = s.id AND r.started_at > $__timeTo()::timestamptz - INTERVAL '24 hours' AND r.started_at <= $__timeTo()::timestamptz),
         (SELECT count(*) FROM (SELECT DISTINCT ON (r.kind, r.target) r.status FROM results r
            WHERE r.site_id = s.id AND r.kind NOT IN ('rtp_burst', 'stamp', 'udp_echo', 'wan_traffic')
              AND r.started_at > $__timeTo()::timestamptz - INTERVAL '24 hours' AND r.started_at <= $__timeTo()::timestamptz
            ORDER BY r.kind, r.target, r.started_at DESC) newest WHERE newest.status <> 'ok')
  FROM sites s LEFT JOIN latest l ON l.site_id = s.id
  LEFT JOIN LATERAL (
    SELECT r.metrics FROM results r
    WHERE r.site_id = s.id AND r.kind = 'rtp_burst' AND r.started_at > $__timeTo()::timestamptz - INTERVAL '1 hour' AND r.started_at <= $__timeTo()::timestamptz
    ORDER BY r.started_at DESC LIMIT 1) b ON true
  WHERE s.customer_id IN ($customer) AND l.up_to_date IS NOT TRUE
), graded AS (
  SELECT n.customer_id::text AS customer_id, c.name AS customer, n.id::text AS site_id, n.site,
         n.mos, n.jitter_up_ms, n.jitter_down_ms, n.loss_up_ratio, n.loss_down_ratio, n.rtt_ms, n.last_result_at,
         coalesce(f.firing_alerts, 0) AS firing_alerts, n.checklist_failures, q.verdict AS busy_hour_verdict, CASE
      WHEN last_result_at IS NULL OR last_result_at <= $__timeTo()::timestamptz - INTERVAL '15 minutes' THEN 'offline'
      WHEN greatest(CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END, CASE WHEN greatest(jitter_up_ms, jitter_down_ms) > 30 THEN 2 WHEN greatest(jitter_up_ms, jitter_down_ms) > 20 THEN 1 WHEN greatest(jitter_up_ms, jitter_down_ms) IS NOT NULL THEN 0 END,
                    CASE WHEN greatest(loss_up_ratio, loss_down_ratio) > 0.01 THEN 2 WHEN greatest(loss_up_ratio, loss_down_ratio) > 0.005 THEN 1 WHEN greatest(loss_up_ratio, loss_down_ratio) IS NOT NULL THEN 0 END, CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END) = 2 THEN 'problematic'
      WHEN greatest(CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END, CASE WHEN greatest(jitter_up_ms, jitter_down_ms) > 30 THEN 2 WHEN greatest(jitter_up_ms, jitter_down_ms) > 20 THEN 1 WHEN greatest(jitter_up_ms, jitter_down_ms) IS NOT NULL THEN 0 END,
                    CASE WHEN greatest(loss_up_ratio, loss_down_ratio) > 0.01 THEN 2 WHEN greatest(loss_up_ratio, loss_down_ratio) > 0.005 THEN 1 WHEN greatest(loss_up_ratio, loss_down_ratio) IS NOT NULL THEN 0 END, CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END) = 1 THEN 'acceptable'
      WHEN mos IS NULL AND rtt_ms IS NULL THEN 'unmeasured'
      ELSE 'good' END AS status
  FROM site_now n JOIN customers c ON c.id = n.customer_id
  LEFT JOIN (SELECT a.site_id, count(*) AS firing_alerts FROM alerts a WHERE a.state = 'firing' GROUP BY a.site_id) f ON f.site_id = n.id
  LEFT JOIN qos_assessments q ON q.site_id = n.id
)
SELECT customer_id, site_id, customer, site, status, mos, jitter_up_ms, jitter_down_ms, loss_up_ratio, loss_down_ratio, rtt_ms,
       firing_alerts, extract(epoch FROM $__timeTo()::timestamptz - last_result_at)::bigint AS last_result_age_s, checklist_failures, busy_hour_verdict
FROM graded
ORDER BY CASE status WHEN 'problematic' THEN 0 WHEN 'offline' THEN 1 WHEN 'acceptable' THEN 2 WHEN 'unmeasured' THEN 3 ELSE 4 END,
         firing_alerts DESC, mos ASC NULLS LAST, customer, site
