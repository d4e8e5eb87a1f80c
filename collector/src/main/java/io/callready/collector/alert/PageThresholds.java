package io.callready.collector.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The thresholds in force for the customers of a page: a site's own, else its customer's, else the metric's
 * defaults, read in one query.
 */
final class PageThresholds {
    private record Scope(UUID customerId, UUID siteId) {
    }

    private final Map<Scope, Map<AlertMetric, Threshold>> set = new HashMap<>();

    private PageThresholds() {
    }

    /** Those of the customers with samples in {@code eval_samples} (of one site's, or all when {@code siteId} is null). */
    static PageThresholds read(Connection c, UUID siteId) throws SQLException {
        PageThresholds t = new PageThresholds();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT customer_id, site_id, metric, warning, critical FROM alert_thresholds
                WHERE customer_id IN (SELECT DISTINCT customer_id FROM eval_samples WHERE ?::uuid IS NULL OR site_id = ?::uuid)""")) {
            q.setObject(1, siteId);
            q.setObject(2, siteId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    AlertMetric metric = AlertMetric.fromWire(rs.getString(3)).orElseThrow();
                    t.set.computeIfAbsent(new Scope(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), k -> new EnumMap<>(AlertMetric.class))
                            .put(metric, new Threshold(metric, rs.getDouble(4), rs.getDouble(5)));
                }
            }
        }
        return t;
    }

    Threshold of(UUID customerId, UUID siteId, AlertMetric metric) {
        Threshold own = set.getOrDefault(new Scope(customerId, siteId), Map.of()).get(metric);
        if (own != null) {
            return own;
        }
        Threshold customer = set.getOrDefault(new Scope(customerId, null), Map.of()).get(metric);
        return customer != null ? customer : metric.defaults();
    }
}
