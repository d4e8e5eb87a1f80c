SELECT cell.time, s.name AS metric, cell.mos
FROM (SELECT (date_part('epoch', h.bucket) * 1000)::bigint / $__interval_ms * $__interval_ms / 1000 AS "time", h.site_id,
             sum(h.mos_avg * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0) AS mos
      FROM results_1h h
      WHERE h.customer_id = '$customer' AND h.kind = 'rtp_burst' AND $__timeFilter(h.bucket)
      GROUP BY 1, 2) cell
JOIN sites s ON s.id = cell.site_id AND s.customer_id = '$customer'
ORDER BY 1, 2
