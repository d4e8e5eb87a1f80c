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
 * The messages about one incident. An incident is the MSP's and may span customers; each message is routed by
 * every customer's own worst severity and cut down per channel to the customers it may see ({@link Outbox}).
 */
@ApplicationScoped
public class IncidentMessages {
    @Inject
    Outbox outbox;
    @Inject
    TenantNames names;

    /** The incident to every channel it now matches that has not heard of it yet (opening, joins, escalation). */
    void announceToNewListeners(Connection c, UUID incidentId, Instant now) throws SQLException {
        Snapshot s = snapshot(c, incidentId);
        outbox.enqueueToNewListeners(c, new NotificationEvent(NotificationEvent.INCIDENT_OPENED, now, null, s.info()),
                s.severityByCustomer(), now);
    }

    /** The incident's end to the channels that heard of it. */
    void announceResolved(Connection c, UUID incidentId, Instant now) throws SQLException {
        Snapshot s = snapshot(c, incidentId);
        outbox.enqueueToListeners(c, new NotificationEvent(NotificationEvent.INCIDENT_RESOLVED, now, null, s.info()),
                s.severityByCustomer(), now);
    }

    private record Snapshot(IncidentInfo info, Map<UUID, Severity> severityByCustomer) {
    }

    private Snapshot snapshot(Connection c, UUID incidentId) throws SQLException {
        List<IncidentSite> sites = new ArrayList<>();
        Map<UUID, Severity> severityByCustomer = new HashMap<>();
        Severity worst = Severity.WARNING;
        for (AlertRow a : members(c, incidentId)) {
            sites.add(new IncidentSite(a.customerId(), names.customer(c, a.customerId()), a.siteId(), names.site(c, a.siteId()),
                    a.metric(), a.severity().wireName()));
            severityByCustomer.merge(a.customerId(), a.severity(), (x, y) -> x.atLeast(y) ? x : y);
            worst = a.severity().atLeast(worst) ? a.severity() : worst;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT target, opened_at, resolved_at FROM incidents WHERE id = ?")) {
            q.setObject(1, incidentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                IncidentInfo info = new IncidentInfo(incidentId, rs.getString("target"), worst.wireName(),
                        SqlTime.read(rs, "opened_at"), SqlTime.read(rs, "resolved_at"), sites);
                return new Snapshot(info, severityByCustomer);
            }
        }
    }

    private static List<AlertRow> members(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + AlertRow.COLUMNS + " FROM alerts WHERE incident_id = ? ORDER BY started_at")) {
            q.setObject(1, incidentId);
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(AlertRow.read(rs));
                }
            }
            return rows;
        }
    }
}
