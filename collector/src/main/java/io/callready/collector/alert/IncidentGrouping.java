package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * When at least {@code incident-min-sites} sites breach towards the same target (reflector, SIP server, provider)
 * within {@code incident-window}, their alerts join one incident, which is announced once instead of each
 * site. Alerts that start later while the incident is open join it without a message of their own; the incident
 * resolves, with one message, when its last alert resolves. An incident is the MSP's: it may span customers. Each
 * customer's channels hear of their own sites only, routed by those sites' severity ({@link IncidentMessages}).
 */
@ApplicationScoped
public class IncidentGrouping {
    @Inject
    AlertConfig config;
    @Inject
    IncidentMessages messages;

    public void run(Connection c, Instant now) throws SQLException {
        resolveFinished(c, now);
        joinOpen(c);
        openNew(c, now);
        announceOpen(c, now);
    }

    private void resolveFinished(Connection c, Instant now) throws SQLException {
        List<UUID> finished = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT i.id FROM incidents i WHERE i.state = 'open'
                  AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.incident_id = i.id AND a.state = 'firing')""");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                finished.add(rs.getObject(1, UUID.class));
            }
        }
        for (UUID id : finished) {
            try (PreparedStatement u = c.prepareStatement("UPDATE incidents SET state = 'resolved', resolved_at = ? WHERE id = ?")) {
                u.setObject(1, SqlTime.of(now));
                u.setObject(2, id);
                u.executeUpdate();
            }
            messages.announceResolved(c, id, now);
        }
    }

    private static void joinOpen(Connection c) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                UPDATE alerts a SET incident_id = i.id FROM incidents i
                WHERE i.state = 'open' AND a.target = i.target AND a.kind = 'quality' AND a.state = 'firing'
                  AND a.incident_id IS NULL AND a.notified_at IS NULL""")) {
            u.executeUpdate();
        }
    }

    /**
     * Every open incident to the channels it now matches that have not heard of it: all of them when it opens, and
     * later a customer's channels when its sites join or reach their minimum severity.
     */
    private void announceOpen(Connection c, Instant now) throws SQLException {
        List<UUID> open = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM incidents WHERE state = 'open' ORDER BY opened_at");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                open.add(rs.getObject(1, UUID.class));
            }
        }
        for (UUID id : open) {
            messages.announceToNewListeners(c, id, now);
        }
    }

    private void openNew(Connection c, Instant now) throws SQLException {
        List<String> targets = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT target FROM alerts
                WHERE kind = 'quality' AND state = 'firing' AND incident_id IS NULL AND started_at > ?
                GROUP BY target HAVING count(DISTINCT site_id) >= ?""")) {
            q.setObject(1, SqlTime.of(now.minus(config.incidentWindow())));
            q.setInt(2, config.incidentMinSites());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    targets.add(rs.getString(1));
                }
            }
        }
        for (String target : targets) {
            UUID id = UUID.randomUUID();
            try (PreparedStatement i = c.prepareStatement("INSERT INTO incidents (id, target, state, opened_at) VALUES (?, ?, 'open', ?)")) {
                i.setObject(1, id);
                i.setString(2, target);
                i.setObject(3, SqlTime.of(now));
                i.executeUpdate();
            }
            try (PreparedStatement u = c.prepareStatement("""
                    UPDATE alerts SET incident_id = ? WHERE kind = 'quality' AND state = 'firing' AND incident_id IS NULL
                      AND target = ? AND started_at > ?""")) {
                u.setObject(1, id);
                u.setString(2, target);
                u.setObject(3, SqlTime.of(now.minus(config.incidentWindow())));
                u.executeUpdate();
            }
        }
    }
}
