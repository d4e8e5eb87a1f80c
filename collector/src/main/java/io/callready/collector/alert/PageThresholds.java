package io.callready.collector.alert;

import io.callready.collector.alert.ThresholdStore.Effective;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Thresholds as stored, and the one rule for which is in force: a site's own, else its customer's, else the
 * metric's defaults. The evaluator reads those of a whole page of customers in one query, the API one site's.
 */
final class PageThresholds {
    private record Scope(UUID customerId, UUID siteId) {
    }

    private final Map<Scope, Map<AlertMetric, Threshold>> set = new HashMap<>();

    private PageThresholds() {
    }

    /** Those of the customers with samples in {@code eval_samples} (of one site's, or all when {@code siteId} is null). */
    static PageThresholds read(Connection c, UUID siteId) throws SQLException {
        return query(c, """
                SELECT customer_id, site_id, metric, warning, critical FROM alert_thresholds
                WHERE customer_id IN (SELECT DISTINCT customer_id FROM eval_samples WHERE ?::uuid IS NULL OR site_id = ?::uuid)""",
                siteId, siteId);
    }

    /** A customer's own and, unless {@code siteId} is null, that one site's. */
    static PageThresholds readSite(Connection c, UUID customerId, UUID siteId) throws SQLException {
        return query(c, """
                SELECT customer_id, site_id, metric, warning, critical FROM alert_thresholds
                WHERE customer_id = ? AND (site_id IS NULL OR site_id = ?)""", customerId, siteId);
    }

    private static PageThresholds query(Connection c, String sql, UUID first, UUID second) throws SQLException {
        PageThresholds t = new PageThresholds();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, first);
            q.setObject(2, second);
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
        return effective(customerId, siteId, metric).threshold();
    }

    /** @param siteId null for the customer's own view, where a site's override does not apply */
    Effective effective(UUID customerId, UUID siteId, AlertMetric metric) {
        Threshold own = siteId == null ? null : set.getOrDefault(new Scope(customerId, siteId), Map.of()).get(metric);
        if (own != null) {
            return new Effective(own, "site");
        }
        Threshold customer = set.getOrDefault(new Scope(customerId, null), Map.of()).get(metric);
        return customer != null ? new Effective(customer, "customer") : new Effective(metric.defaults(), "default");
    }
}
