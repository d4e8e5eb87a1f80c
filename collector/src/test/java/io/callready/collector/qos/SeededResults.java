package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes result rows straight into the results table, with the times, kinds and metrics a QoS test needs. */
final class SeededResults {
    private final AgroalDataSource db;

    SeededResults(AgroalDataSource db) {
        this.db = db;
    }

    void result(UUID customer, UUID site, String kind, String target, String status, Instant startedAt, String metricsJson,
                String labelsJson) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics, labels)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 1000, ?::jsonb, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            insert.setObject(3, customer);
            insert.setObject(4, site);
            insert.setObject(5, UUID.randomUUID());
            insert.setString(6, kind);
            insert.setString(7, target);
            insert.setString(8, status);
            insert.setString(9, metricsJson);
            insert.setString(10, labelsJson);
            insert.executeUpdate();
        }
    }

    /** A wan_traffic sample: up/down bits per second against a 10/50 Mbit/s line. */
    void traffic(UUID customer, UUID site, String target, Instant at, double upBps, double downBps) throws SQLException {
        result(customer, site, "wan_traffic", target, "ok", at, """
                {"up_bps": %s, "down_bps": %s, "up_utilisation_pct": %s, "down_utilisation_pct": %s,
                 "line_up_bps": 10000000, "line_down_bps": 50000000, "sample_ms": 60000}"""
                .formatted(upBps, downBps, upBps / 1e5, downBps / 5e5), """
                {"source": "local", "interface": "lo", "line_rate_source": "contracted"}""");
    }
}
