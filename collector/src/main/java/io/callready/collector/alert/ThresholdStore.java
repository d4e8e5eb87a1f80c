package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Effective thresholds of a site: DOMAIN.md defaults, then the customer's overrides, then the site's. */
@ApplicationScoped
public class ThresholdStore {
    public record Effective(Threshold threshold, String source) {
    }

    public Map<AlertMetric, Effective> effective(Connection c, UUID customerId, UUID siteId) throws SQLException {
        Map<AlertMetric, Effective> result = new EnumMap<>(AlertMetric.class);
        for (AlertMetric m : AlertMetric.values()) {
            result.put(m, new Effective(m.defaults(), "default"));
        }
        // Customer rows sort before site rows, so a site override wins.
        try (PreparedStatement q = c.prepareStatement("""
                SELECT site_id, metric, warning, critical FROM alert_thresholds
                WHERE customer_id = ? AND (site_id IS NULL OR site_id = ?) ORDER BY site_id NULLS FIRST""")) {
            q.setObject(1, customerId);
            q.setObject(2, siteId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    AlertMetric metric = AlertMetric.fromWire(rs.getString("metric")).orElseThrow();
                    String source = rs.getObject("site_id") == null ? "customer" : "site";
                    result.put(metric, new Effective(new Threshold(metric, rs.getDouble("warning"), rs.getDouble("critical")), source));
                }
            }
        }
        return result;
    }
}
