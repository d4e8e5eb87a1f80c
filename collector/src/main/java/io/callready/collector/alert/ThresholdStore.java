package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
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
        PageThresholds stored = PageThresholds.readSite(c, customerId, siteId);
        Map<AlertMetric, Effective> result = new EnumMap<>(AlertMetric.class);
        for (AlertMetric m : AlertMetric.values()) {
            result.put(m, stored.effective(customerId, siteId, m));
        }
        return result;
    }
}
