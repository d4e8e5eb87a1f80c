package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes result rows straight into the table, with the times and metrics a storage test needs. */
final class StoredRows {
    private final AgroalDataSource db;

    StoredRows(AgroalDataSource db) {
        this.db = db;
    }

    void result(UUID customer, UUID site, String target, String status, Instant startedAt, String metricsJson) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, 'rtp_burst', ?, ?, '', 1000, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            insert.setObject(3, customer);
            insert.setObject(4, site);
            insert.setObject(5, UUID.randomUUID());
            insert.setString(6, target);
            insert.setString(7, status);
            insert.setString(8, metricsJson);
            insert.executeUpdate();
        }
    }

    void rollup(String table, UUID customer, UUID site, Instant bucket) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + table + " (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count) "
                        + "VALUES (?, ?, ?, 't', 'rtp_burst', 1, 1, 0)")) {
            insert.setObject(1, OffsetDateTime.ofInstant(bucket, ZoneOffset.UTC));
            insert.setObject(2, customer);
            insert.setObject(3, site);
            insert.executeUpdate();
        }
    }

    void rollup3h(UUID customer, UUID site, Instant bucket) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO results_3h VALUES (?, ?, ?, 't', 'rtp_burst', 1, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)")) {
            insert.setObject(1, OffsetDateTime.ofInstant(bucket, ZoneOffset.UTC));
            insert.setObject(2, customer);
            insert.setObject(3, site);
            insert.executeUpdate();
        }
    }

    long count(String sql, UUID site) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, site);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
