package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.qos.TrafficQuery.Resolution;
import io.callready.collector.qos.TrafficSeries.Point;
import io.callready.collector.qos.TrafficSeries.Series;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a site's WAN traffic ({@code wan_traffic} results) from the raw table or a rollup, as {@link TrafficQuery} chose. */
@ApplicationScoped
public class TrafficReader {
    /** Rows read at most per query: above the largest window's points for a few targets; past it the answer says truncated. */
    static final int MAX_ROWS = 10_000;
    static final String RAW = """
            SELECT started_at AS t, target,
                   rollup_metric(metrics, 'up_bps') AS up_bps, rollup_metric(metrics, 'up_bps') AS up_bps_max,
                   rollup_metric(metrics, 'down_bps') AS down_bps, rollup_metric(metrics, 'down_bps') AS down_bps_max,
                   rollup_metric(metrics, 'up_utilisation_pct') AS up_pct, rollup_metric(metrics, 'up_utilisation_pct') AS up_pct_max,
                   rollup_metric(metrics, 'down_utilisation_pct') AS down_pct, rollup_metric(metrics, 'down_utilisation_pct') AS down_pct_max
            FROM results
            WHERE site_id = ? AND kind = 'wan_traffic' AND started_at >= ? AND started_at < ?
              AND (jsonb_exists(metrics, 'up_bps') OR jsonb_exists(metrics, 'down_bps'))
            ORDER BY target, started_at
            LIMIT ?""";
    static final String ROLLUP = """
            SELECT bucket AS t, target, up_bps_avg AS up_bps, up_bps_max, down_bps_avg AS down_bps, down_bps_max,
                   up_utilisation_pct_avg AS up_pct, up_utilisation_pct_max AS up_pct_max,
                   down_utilisation_pct_avg AS down_pct, down_utilisation_pct_max AS down_pct_max
            FROM %s
            WHERE site_id = ? AND kind = 'wan_traffic' AND bucket >= ? AND bucket < ?
              AND (up_bps_avg IS NOT NULL OR down_bps_avg IS NOT NULL)
            ORDER BY target, bucket
            LIMIT ?""";

    @Inject
    AgroalDataSource dataSource;

    TrafficSeries read(UUID siteId, TrafficQuery query) {
        String sql = query.resolution() == Resolution.RAW ? RAW : ROLLUP.formatted(query.resolution().table);
        Map<String, Series> series = new LinkedHashMap<>();
        int rows = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, siteId);
            select.setObject(2, OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
            select.setObject(3, OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
            select.setInt(4, MAX_ROWS + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && rows++ < MAX_ROWS) {
                    var t = rs.getObject("t", OffsetDateTime.class).toInstant();
                    String target = rs.getString("target");
                    add(series, target, "up", new Point(t, value(rs, "up_bps"), value(rs, "up_bps_max"), value(rs, "up_pct"), value(rs, "up_pct_max")));
                    add(series, target, "down", new Point(t, value(rs, "down_bps"), value(rs, "down_bps_max"), value(rs, "down_pct"), value(rs, "down_pct_max")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the traffic of site " + siteId + " failed", e);
        }
        return new TrafficSeries(siteId, query.from(), query.to(), query.resolution().wireName, rows > MAX_ROWS, List.copyOf(series.values()));
    }

    private static void add(Map<String, Series> series, String target, String direction, Point p) {
        if (p.bps() != null) {
            series.computeIfAbsent(target + ' ' + direction, k -> new Series(target, direction, new ArrayList<>())).points().add(p);
        }
    }

    private static Double value(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
