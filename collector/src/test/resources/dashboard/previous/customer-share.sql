WITH bursts AS (
  SELECT (metrics->>'mos')::float8 AS mos, greatest((metrics->>'jitter_up_ms')::float8, (metrics->>'jitter_down_ms')::float8) AS jitter_ms,
         greatest((metrics->>'loss_up_ratio')::float8, (metrics->>'loss_down_ratio')::float8) AS loss_ratio, (metrics->>'rtt_ms')::float8 AS rtt_ms, 1 AS bursts
  FROM results WHERE ($__timeTo()::timestamptz - $__timeFrom()::timestamptz) <= INTERVAL '6 hours' AND customer_id = '$customer' AND kind = 'rtp_burst' AND $__timeFilter(started_at)
  UNION ALL
  SELECT mos_avg, jitter_ms_avg, loss_ratio_avg, rtt_ms_avg, result_count
  FROM results_5m WHERE ($__timeTo()::timestamptz - $__timeFrom()::timestamptz) > INTERVAL '6 hours' AND ($__timeTo()::timestamptz - $__timeFrom()::timestamptz) <= INTERVAL '24 hours' AND customer_id = '$customer' AND kind = 'rtp_burst' AND $__timeFilter(bucket)
  UNION ALL
  SELECT mos_avg, jitter_ms_avg, loss_ratio_avg, rtt_ms_avg, result_count
  FROM results_1h WHERE ($__timeTo()::timestamptz - $__timeFrom()::timestamptz) > INTERVAL '24 hours' AND customer_id = '$customer' AND kind = 'rtp_burst' AND $__timeFilter(bucket)
), counted AS (
  SELECT coalesce(sum(bursts) FILTER (WHERE CASE WHEN jitter_ms > 30 THEN 2 WHEN jitter_ms > 20 THEN 1 WHEN jitter_ms IS NOT NULL THEN 0 END = 0), 0) AS j_good,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN jitter_ms > 30 THEN 2 WHEN jitter_ms > 20 THEN 1 WHEN jitter_ms IS NOT NULL THEN 0 END = 1), 0) AS j_acceptable,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN jitter_ms > 30 THEN 2 WHEN jitter_ms > 20 THEN 1 WHEN jitter_ms IS NOT NULL THEN 0 END = 2), 0) AS j_problematic,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN jitter_ms > 30 THEN 2 WHEN jitter_ms > 20 THEN 1 WHEN jitter_ms IS NOT NULL THEN 0 END IS NOT NULL), 0) AS j_n,
         coalesce(sum(bursts) FILTER (WHERE CASE WHEN loss_ratio > 0.01 THEN 2 WHEN loss_ratio > 0.005 THEN 1 WHEN loss_ratio IS NOT NULL THEN 0 END = 0), 0) AS l_good,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN loss_ratio > 0.01 THEN 2 WHEN loss_ratio > 0.005 THEN 1 WHEN loss_ratio IS NOT NULL THEN 0 END = 1), 0) AS l_acceptable,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN loss_ratio > 0.01 THEN 2 WHEN loss_ratio > 0.005 THEN 1 WHEN loss_ratio IS NOT NULL THEN 0 END = 2), 0) AS l_problematic,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN loss_ratio > 0.01 THEN 2 WHEN loss_ratio > 0.005 THEN 1 WHEN loss_ratio IS NOT NULL THEN 0 END IS NOT NULL), 0) AS l_n,
         coalesce(sum(bursts) FILTER (WHERE CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END = 0), 0) AS m_good,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END = 1), 0) AS m_acceptable,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END = 2), 0) AS m_problematic,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN mos < 3.6 THEN 2 WHEN mos < 4.0 THEN 1 WHEN mos IS NOT NULL THEN 0 END IS NOT NULL), 0) AS m_n,
         coalesce(sum(bursts) FILTER (WHERE CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END = 0), 0) AS r_good,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END = 1), 0) AS r_acceptable,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END = 2), 0) AS r_problematic,
       coalesce(sum(bursts) FILTER (WHERE CASE WHEN rtt_ms > 150 THEN 2 WHEN rtt_ms > 100 THEN 1 WHEN rtt_ms IS NOT NULL THEN 0 END IS NOT NULL), 0) AS r_n
  FROM bursts
)
SELECT g.metric, g.good::float8 / g.n AS good, g.acceptable::float8 / g.n AS acceptable, g.problematic::float8 / g.n AS problematic, g.n AS bursts
FROM counted
CROSS JOIN LATERAL (VALUES ('jitter_ms', j_good, j_acceptable, j_problematic, j_n), ('loss_ratio', l_good, l_acceptable, l_problematic, l_n),
                           ('mos', m_good, m_acceptable, m_problematic, m_n), ('rtt_ms', r_good, r_acceptable, r_problematic, r_n))
     AS g(metric, good, acceptable, problematic, n)
WHERE g.n > 0
ORDER BY g.metric
