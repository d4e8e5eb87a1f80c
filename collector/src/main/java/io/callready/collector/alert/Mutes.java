package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Why an alert may not speak right now: an active silence, or (quality alerts) its site's agent being offline. */
@ApplicationScoped
public class Mutes {
    public boolean muted(Connection c, AlertRow alert, Instant now) throws SQLException {
        return silenced(c, alert.customerId(), alert.siteId(), now)
                || (AlertRow.QUALITY.equals(alert.kind()) && agentOffline(c, alert.siteId()));
    }

    public boolean silenced(Connection c, UUID customerId, UUID siteId, Instant now) throws SQLException {
        return exists(c, """
                SELECT 1 FROM silences WHERE customer_id = ? AND (site_id IS NULL OR site_id = ?)
                  AND starts_at <= ? AND ends_at > ?""", customerId, siteId, SqlTime.of(now), SqlTime.of(now));
    }

    /** Inhibition: a silent site's quality alerts say nothing the offline alert does not already say. */
    public boolean agentOffline(Connection c, UUID siteId) throws SQLException {
        return exists(c, "SELECT 1 FROM alerts WHERE site_id = ? AND kind = 'agent_offline' AND state = 'firing'", siteId);
    }

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
