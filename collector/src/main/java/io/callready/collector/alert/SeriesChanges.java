package io.callready.collector.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a page's series timelines change, written set-based: one upsert of {@code alert_series}, one update of the
 * alerts that were firing before the page, one insert of the alerts it opened (each array parameter one column).
 */
final class SeriesChanges {
    private final List<UUID> seriesSite = new ArrayList<>();
    private final List<String> seriesTarget = new ArrayList<>();
    private final List<String> seriesMetric = new ArrayList<>();
    private final List<String> seriesLast = new ArrayList<>();
    private final List<String> seriesLevels = new ArrayList<>();

    private final List<UUID> updatedId = new ArrayList<>();
    private final List<String> updatedSeverity = new ArrayList<>();
    private final List<Double> updatedValue = new ArrayList<>();
    private final List<Double> updatedThreshold = new ArrayList<>();
    private final List<Boolean> updatedResolved = new ArrayList<>();

    private final List<UUID> openedCustomer = new ArrayList<>();
    private final List<UUID> openedSite = new ArrayList<>();
    private final List<String> openedTarget = new ArrayList<>();
    private final List<String> openedMetric = new ArrayList<>();
    private final List<String> openedSeverity = new ArrayList<>();
    private final List<Double> openedValue = new ArrayList<>();
    private final List<Double> openedThreshold = new ArrayList<>();
    private final List<Boolean> openedResolved = new ArrayList<>();

    void add(SeriesSteps.Key key, UUID customerId, SeriesTimeline t) {
        seriesSite.add(key.siteId());
        seriesTarget.add(key.target());
        seriesMetric.add(key.metric());
        seriesLast.add(t.lastStartedAt().toString());
        seriesLevels.add(Arrays.stream(t.levels()).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}")));
        t.continued().ifPresent(a -> {
            updatedId.add(t.firing().orElseThrow().alertId());
            updatedSeverity.add(a.severity() == null ? null : a.severity().wireName());
            updatedValue.add(a.value());
            updatedThreshold.add(a.threshold());
            updatedResolved.add(a.resolved());
        });
        for (SeriesTimeline.Alert a : t.opened()) {
            openedCustomer.add(customerId);
            openedSite.add(key.siteId());
            openedTarget.add(key.target());
            openedMetric.add(key.metric());
            openedSeverity.add(a.severity().wireName());
            openedValue.add(a.value());
            openedThreshold.add(a.threshold());
            openedResolved.add(a.resolved());
        }
    }

    void write(Connection c, Instant now) throws SQLException {
        if (!seriesSite.isEmpty()) {
            try (PreparedStatement u = c.prepareStatement("""
                    INSERT INTO alert_series (site_id, target, metric, last_started_at, recent_levels)
                    SELECT site_id, target, metric, last_started_at::timestamptz, levels::smallint[]
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(site_id, target, metric, last_started_at, levels)
                    ON CONFLICT (site_id, target, metric) DO UPDATE
                    SET last_started_at = excluded.last_started_at, recent_levels = excluded.recent_levels""")) {
                u.setArray(1, c.createArrayOf("uuid", seriesSite.toArray()));
                u.setArray(2, c.createArrayOf("text", seriesTarget.toArray()));
                u.setArray(3, c.createArrayOf("text", seriesMetric.toArray()));
                u.setArray(4, c.createArrayOf("text", seriesLast.toArray()));
                u.setArray(5, c.createArrayOf("text", seriesLevels.toArray()));
                u.executeUpdate();
            }
        }
        if (!updatedId.isEmpty()) {
            try (PreparedStatement u = c.prepareStatement("""
                    UPDATE alerts a SET severity = coalesce(f.severity, a.severity), value = coalesce(f.value, a.value),
                           threshold = coalesce(f.threshold, a.threshold),
                           state = CASE WHEN f.resolved THEN 'resolved' ELSE a.state END,
                           resolved_at = CASE WHEN f.resolved THEN ?::timestamptz ELSE a.resolved_at END
                    FROM unnest(?::uuid[], ?::text[], ?::float8[], ?::float8[], ?::bool[]) AS f(alert_id, severity, value, threshold, resolved)
                    WHERE a.id = f.alert_id""")) {
                u.setObject(1, SqlTime.of(now));
                u.setArray(2, c.createArrayOf("uuid", updatedId.toArray()));
                u.setArray(3, c.createArrayOf("text", updatedSeverity.toArray()));
                u.setArray(4, c.createArrayOf("float8", updatedValue.toArray()));
                u.setArray(5, c.createArrayOf("float8", updatedThreshold.toArray()));
                u.setArray(6, c.createArrayOf("bool", updatedResolved.toArray()));
                u.executeUpdate();
            }
        }
        if (!openedSite.isEmpty()) {
            try (PreparedStatement i = c.prepareStatement("""
                    INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, threshold,
                                        started_at, resolved_at)
                    SELECT gen_random_uuid(), 'callready:' || site_id || ':' || target || ':' || metric, 'quality', customer_id,
                           site_id, target, metric, severity, CASE WHEN resolved THEN 'resolved' ELSE 'firing' END, value, threshold,
                           ?::timestamptz, CASE WHEN resolved THEN ?::timestamptz END
                    FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::bool[])
                         AS o(customer_id, site_id, target, metric, severity, value, threshold, resolved)""")) {
                i.setObject(1, SqlTime.of(now));
                i.setObject(2, SqlTime.of(now));
                i.setArray(3, c.createArrayOf("uuid", openedCustomer.toArray()));
                i.setArray(4, c.createArrayOf("uuid", openedSite.toArray()));
                i.setArray(5, c.createArrayOf("text", openedTarget.toArray()));
                i.setArray(6, c.createArrayOf("text", openedMetric.toArray()));
                i.setArray(7, c.createArrayOf("text", openedSeverity.toArray()));
                i.setArray(8, c.createArrayOf("float8", openedValue.toArray()));
                i.setArray(9, c.createArrayOf("float8", openedThreshold.toArray()));
                i.setArray(10, c.createArrayOf("bool", openedResolved.toArray()));
                i.executeUpdate();
            }
        }
    }
}
