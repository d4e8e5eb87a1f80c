package io.callready.collector.alert;

import io.callready.collector.notify.NotificationEvent;
import io.callready.collector.notify.NotificationEvent.IncidentInfo;
import io.callready.collector.notify.NotificationEvent.IncidentSite;
import io.callready.collector.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When at least {@code incident-min-sites} sites breach towards the same target (reflector, SIP server, provider)
 * within {@code incident-window}, their alerts join one incident, which is announced once instead of each
 * site. Alerts that start later while the incident is open join it quietly; the incident resolves, with one
 * message, when its last alert resolves. An incident is the MSP's: it may span customers. Each customer's
 * channels hear of their own sites only, routed by those sites' severity ({@link Outbox}).
 */
@ApplicationScoped
public class IncidentGrouping {
    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    Outbox outbox;
    @Inject
    TenantNames names;

    public void run(Connection c, Instant now) throws SQLException {
        resolveFinished(c, now);
        joinOpen(c);
        openNew(c, now);
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
            announce(c, id, NotificationEvent.INCIDENT_RESOLVED, now);
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
            announce(c, id, NotificationEvent.INCIDENT_OPENED, now);
        }
    }

    private void announce(Connection c, UUID incidentId, String type, Instant now) throws SQLException {
        List<AlertRow> members = alerts.query(c, "incident_id = ? ORDER BY started_at", incidentId);
        List<IncidentSite> sites = new ArrayList<>();
        // Each customer's own worst severity: a customer's channel routes by it, never by another customer's sites.
        Map<UUID, Severity> severityByCustomer = new HashMap<>();
        Severity worst = Severity.WARNING;
        for (AlertRow a : members) {
            sites.add(new IncidentSite(a.customerId(), names.customer(c, a.customerId()), a.siteId(), names.site(c, a.siteId()),
                    a.metric(), a.severity().wireName()));
            severityByCustomer.merge(a.customerId(), a.severity(), (x, y) -> x.atLeast(y) ? x : y);
            worst = a.severity().atLeast(worst) ? a.severity() : worst;
        }
        Instant opened;
        Instant resolved;
        String target;
        try (PreparedStatement q = c.prepareStatement("SELECT target, opened_at, resolved_at FROM incidents WHERE id = ?")) {
            q.setObject(1, incidentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                target = rs.getString("target");
                opened = SqlTime.read(rs, "opened_at");
                resolved = SqlTime.read(rs, "resolved_at");
            }
        }
        IncidentInfo info = new IncidentInfo(incidentId, target, worst.wireName(), opened, resolved, sites);
        outbox.enqueue(c, new NotificationEvent(type, now, null, info), severityByCustomer, now);
    }
}
