package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A site whose active agents have sent nothing for {@code offline-intervals} plan intervals gets one
 * agent-offline alert; it resolves when results arrive again. Sites that never reported are not watched.
 * The plan interval is the largest {@code interval} label the site's results carried, else the configured
 * default, until central plans tell the collector the real one.
 */
@ApplicationScoped
public class OfflineCheck {
    private static final String SITES = """
            SELECT s.id, s.customer_id, max(a.last_seen_at) AS last_seen_at, i.interval_ms
            FROM sites s JOIN agents a ON a.site_id = s.id AND a.revoked_at IS NULL
            LEFT JOIN alert_site_intervals i ON i.site_id = s.id
            GROUP BY s.id, s.customer_id, i.interval_ms
            HAVING max(a.last_seen_at) IS NOT NULL""";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;

    public void run(Connection c, Instant now) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(SITES); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                UUID siteId = rs.getObject("id", UUID.class);
                Instant lastSeen = SqlTime.read(rs, "last_seen_at");
                long intervalMs = rs.getObject("interval_ms") == null ? config.defaultPlanInterval().toMillis() : rs.getLong("interval_ms");
                Duration limit = Duration.ofMillis(intervalMs * config.offlineIntervals());
                Duration silentFor = Duration.between(lastSeen, now);
                String key = AlertRow.offlineKey(siteId);
                Optional<AlertRow> firing = alerts.firing(c, key);
                if (silentFor.compareTo(limit) > 0 && firing.isEmpty()) {
                    alerts.fire(c, key, AlertRow.AGENT_OFFLINE, rs.getObject("customer_id", UUID.class), siteId, null,
                            AlertRow.AGENT_OFFLINE, Severity.CRITICAL, silentFor.toSeconds(), limit.toSeconds(), now);
                } else if (silentFor.compareTo(limit) <= 0 && firing.isPresent()) {
                    alerts.resolve(c, firing.get(), now);
                }
            }
        }
    }
}
