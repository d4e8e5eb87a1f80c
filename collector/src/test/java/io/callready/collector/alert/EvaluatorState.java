package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator's stored cursor and series, and a backlog of results, for the tests that page through one. */
final class EvaluatorState {
    private EvaluatorState() {
    }

    static Instant cursor(AgroalDataSource db) throws SQLException {
        return instant(db, "SELECT received_from FROM alert_eval_cursor WHERE id = 1", null);
    }

    static Instant lastEvaluated(AgroalDataSource db, UUID site) throws SQLException {
        return instant(db, "SELECT last_started_at FROM alert_series WHERE site_id = ? AND metric = 'mos'", site);
    }

    static void moveCursor(Connection c, Instant receivedFrom) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE alert_eval_cursor SET received_from = ? WHERE id = 1")) {
            u.setObject(1, utc(receivedFrom));
            u.executeUpdate();
        }
    }

    /**
     * The first receipt time from {@code earliest} on, in steps, with no stored result from a second before it to a
     * second after {@code length}: tests of this JVM that stored back-dated backlogs (received minutes ago) would
     * otherwise share a page with this test's backlog.
     */
    static Instant emptyReceiptWindow(Connection c, Instant earliest, Duration length, Instant notAfter) throws SQLException {
        Duration step = length.plusSeconds(2);
        for (Instant from = earliest; !from.isAfter(notAfter); from = from.plus(step)) {
            try (PreparedStatement q = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM results WHERE received_at BETWEEN ? AND ?)")) {
                q.setObject(1, utc(from.minusSeconds(1)));
                q.setObject(2, utc(from.plus(length).plusSeconds(1)));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return from;
                    }
                }
            }
        }
        throw new AssertionError("no receipt window of " + length + " free of other tests' results between " + earliest + " and " + notAfter);
    }

    /** {@code count} results of one series: result i started at {@code startedFrom} + i ms, received at {@code receivedFrom} + i ms. */
    static void insertBacklog(Connection c, Api.TestTenant t, String target, Instant startedFrom, Instant receivedFrom, int count)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics, received_at)
                SELECT gen_random_uuid(), ?::timestamptz + i * INTERVAL '1 millisecond', ?, ?, ?, 'rtp_burst', ?,
                       'ok', '', 1000, '{"mos": 4.4}', ?::timestamptz + i * INTERVAL '1 millisecond'
                FROM generate_series(0, ?) AS i""")) {
            insert.setObject(1, utc(startedFrom));
            insert.setObject(2, t.customerId());
            insert.setObject(3, t.siteId());
            insert.setObject(4, t.agentId());
            insert.setString(5, target);
            insert.setObject(6, utc(receivedFrom));
            insert.setInt(7, count - 1);
            insert.executeUpdate();
        }
    }

    static Instant instant(AgroalDataSource db, String sql, UUID site) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            if (site != null) {
                q.setObject(1, site);
            }
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
