package io.callready.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.notify.NotificationEvent;
import io.callready.collector.notify.NotificationEvent.AlertInfo;
import io.callready.collector.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

/**
 * State changes of alerts, each written together with the messages it causes (same connection, same
 * transaction). Whether a message goes out at all is decided here: silenced or inhibited alerts change state
 * quietly, and a resolve is announced only for an alert whose firing was announced.
 */
@ApplicationScoped
public class AlertStore {
    @Inject
    Outbox outbox;
    @Inject
    TenantNames names;
    @Inject
    ObjectMapper mapper;

    public Optional<AlertRow> firing(Connection c, String dedupKey) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + AlertRow.COLUMNS + " FROM alerts WHERE dedup_key = ? AND state = 'firing'")) {
            q.setString(1, dedupKey);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(AlertRow.read(rs)) : Optional.empty();
            }
        }
    }

    public List<AlertRow> query(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + AlertRow.COLUMNS + " FROM alerts WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i] instanceof Instant t ? SqlTime.of(t) : params[i]);
            }
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(AlertRow.read(rs));
                }
            }
            return rows;
        }
    }

    /** Starts firing; the first message waits for {@link AlertAnnouncer} (group wait, silences, inhibition). */
    public void fire(Connection c, String dedupKey, String kind, UUID customerId, UUID siteId, String target, String metric,
                     Severity severity, double value, double threshold, Instant now) throws SQLException {
        fire(c, dedupKey, kind, customerId, siteId, target, metric, severity, value, threshold, null, now);
    }

    /** @param detailsJson a JSON object the alert's messages carry (congestion: verdict, evidence, sizing), or null */
    public void fire(Connection c, String dedupKey, String kind, UUID customerId, UUID siteId, String target, String metric,
                     Severity severity, double value, double threshold, String detailsJson, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value,
                                    threshold, started_at, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'firing', ?, ?, ?, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, dedupKey);
            insert.setString(3, kind);
            insert.setObject(4, customerId);
            insert.setObject(5, siteId);
            insert.setString(6, target);
            insert.setString(7, metric);
            insert.setString(8, severity.wireName());
            insert.setDouble(9, value);
            insert.setDouble(10, threshold);
            insert.setObject(11, SqlTime.of(now));
            insert.setString(12, detailsJson);
            insert.executeUpdate();
        }
    }

    /** Tells the channels an announced alert's new severity (the alert as it is now) and records when. */
    public void announceSeverityChange(Connection c, AlertRow changed, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE alerts SET last_notified_at = ? WHERE id = ?")) {
            u.setObject(1, SqlTime.of(now));
            u.setObject(2, changed.id());
            u.executeUpdate();
        }
        send(c, NotificationEvent.SEVERITY_CHANGED, changed, now);
    }

    public void resolve(Connection c, AlertRow alert, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?")) {
            u.setObject(1, SqlTime.of(now));
            u.setObject(2, alert.id());
            u.executeUpdate();
        }
        announceResolved(c, new AlertRow(alert.id(), alert.dedupKey(), alert.kind(), alert.customerId(), alert.siteId(),
                alert.target(), alert.metric(), alert.severity(), "resolved", alert.value(), alert.threshold(),
                alert.startedAt(), now, alert.notifiedAt(), alert.lastNotifiedAt(), alert.incidentId(), alert.details()), now);
    }

    /** A resolve is told only for an alert whose firing was announced; {@code resolved} is the alert as stored now. */
    public void announceResolved(Connection c, AlertRow resolved, Instant now) throws SQLException {
        if (resolved.announced()) {
            send(c, NotificationEvent.RESOLVED, resolved, now);
        }
    }

    /** Sends the first or a repeated firing message and records when. */
    public void announce(Connection c, AlertRow alert, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE alerts SET notified_at = coalesce(notified_at, ?), last_notified_at = ? WHERE id = ?")) {
            u.setObject(1, SqlTime.of(now));
            u.setObject(2, SqlTime.of(now));
            u.setObject(3, alert.id());
            u.executeUpdate();
        }
        send(c, alert.announced() ? NotificationEvent.REPEAT : NotificationEvent.FIRING, alert, now);
    }

    private void send(Connection c, String type, AlertRow alert, Instant now) throws SQLException {
        outbox.enqueue(c, new NotificationEvent(type, now, info(c, alert), null), Map.of(alert.customerId(), alert.severity()), now);
    }

    private AlertInfo info(Connection c, AlertRow a) throws SQLException {
        return new AlertInfo(a.id(), a.dedupKey(), a.kind(), a.customerId(), names.customer(c, a.customerId()), a.siteId(),
                names.site(c, a.siteId()), a.target(), a.metric(), a.severity().wireName(), a.value(), a.threshold(),
                a.startedAt(), a.resolvedAt(), details(a));
    }

    private JsonNode details(AlertRow a) {
        if (a.details() == null) {
            return null;
        }
        try {
            return mapper.readTree(a.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert " + a.id() + " has details that are not JSON", e);
        }
    }
}
