SELECT $__timeGroupAlias(h.bucket, $__interval), s.name AS metric, sum(h.mos_avg * h.result_count) / nullif(sum(h.result_count) FILTER (WHERE h.mos_avg IS NOT NULL), 0) AS mos
FROM results_1h h JOIN sites s ON s.id = h.site_id
WHERE h.customer_id = '$customer' AND h.kind = 'rtp_burst' AND $__timeFilter(h.bucket)
GROUP BY 1, 2
ORDER BY 1, 2
