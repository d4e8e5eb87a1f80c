package io.callready.collector.alert;

import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.RowIsolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Sends what is due for firing alerts: the first message once the group wait has passed (quality alerts only,
 * so a cross-site incident can take them first), and a repeat every {@code repeat-interval}. A muted alert
 * (silence, or its site offline) stays due and speaks when the mute ends. An alert that cannot be announced is
 * skipped (logged once, counted) so the others still speak.
 */
@ApplicationScoped
public class AlertAnnouncer {
    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    Mutes mutes;
    @Inject
    JobHealth health;

    public void run(Connection c, Instant now) throws SQLException {
        var due = alerts.query(c, """
                state = 'firing' AND incident_id IS NULL AND (
                  (notified_at IS NULL AND (kind = 'agent_offline' OR started_at <= ?))
                  OR (notified_at IS NOT NULL AND last_notified_at <= ?))
                ORDER BY started_at""", now.minus(config.groupWait()), now.minus(config.repeatInterval()));
        for (AlertRow alert : due) {
            RowIsolation.underSavepoint(c, health, JobHealth.ALERT_EVALUATION, "alert_id=" + alert.id() + " site_id=" + alert.siteId(), () -> {
                if (!mutes.muted(c, alert, now)) {
                    alerts.announce(c, alert, now);
                }
            });
        }
    }
}
