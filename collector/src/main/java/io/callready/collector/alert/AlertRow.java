package io.callready.collector.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code alerts}. */
public record AlertRow(UUID id, String dedupKey, String kind, UUID customerId, UUID siteId, String target, String metric,
                       Severity severity, String state, Double value, Double threshold, Instant startedAt,
                       Instant resolvedAt, Instant notifiedAt, Instant lastNotifiedAt, UUID incidentId, String details) {
    public static final String QUALITY = "quality";
    public static final String AGENT_OFFLINE = "agent_offline";
    /** A site's QoS verdict is congestion_upstream or congestion_downstream (issue 11); details carry the advice. */
    public static final String CONGESTION = "congestion";
    public static final String COLUMNS = "id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, "
            + "threshold, started_at, resolved_at, notified_at, last_notified_at, incident_id, details";

    public static AlertRow read(ResultSet rs) throws SQLException {
        return new AlertRow(rs.getObject("id", UUID.class), rs.getString("dedup_key"), rs.getString("kind"),
                rs.getObject("customer_id", UUID.class), rs.getObject("site_id", UUID.class), rs.getString("target"),
                rs.getString("metric"), Severity.fromWire(rs.getString("severity")), rs.getString("state"),
                (Double) rs.getObject("value"), (Double) rs.getObject("threshold"), SqlTime.read(rs, "started_at"),
                SqlTime.read(rs, "resolved_at"), SqlTime.read(rs, "notified_at"), SqlTime.read(rs, "last_notified_at"),
                rs.getObject("incident_id", UUID.class), rs.getString("details"));
    }

    public boolean announced() {
        return notifiedAt != null;
    }

    public static String qualityKey(UUID siteId, String target, AlertMetric metric) {
        return "callready:" + siteId + ":" + target + ":" + metric.wireName();
    }

    public static String offlineKey(UUID siteId) {
        return "callready:" + siteId + ":" + AGENT_OFFLINE;
    }

    public static String congestionKey(UUID siteId) {
        return "callready:" + siteId + ":" + CONGESTION;
    }
}
