package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog longer than a page is read page by page: the first pass reads {@link NewResults#MAX_ROWS_PER_PASS}
 * results (and stops its cursor there), the next pass the rest, and no result between the two is lost.
 */
@QuarkusTest
class EvaluatorPagingIT {
    private static final int BACKLOG = NewResults.MAX_ROWS_PER_PASS + 2_000;

    @Inject
    AgroalDataSource db;
    @Inject
    AlertEvaluator evaluator;

    @Test
    void aBacklogIsReadPageByPageWithoutLosingAResult() throws SQLException {
        Api.TestTenant t = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant receivedFrom = now.minus(Duration.ofMinutes(10));
        Instant startedFrom = now.minus(Duration.ofMinutes(20));
        try (Connection c = db.getConnection()) {
            update(c, "UPDATE alert_eval_cursor SET received_from = ? WHERE id = 1", receivedFrom.minusSeconds(1));
            // Result i was started at startedFrom + i ms and received at receivedFrom + i ms.
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                         duration_ms, metrics, received_at)
                    SELECT gen_random_uuid(), ?::timestamptz + i * INTERVAL '1 millisecond', ?, ?, ?, 'rtp_burst', 'paging.example',
                           'ok', '', 1000, '{"mos": 4.4}', ?::timestamptz + i * INTERVAL '1 millisecond'
                    FROM generate_series(0, ?) AS i""")) {
                insert.setObject(1, utc(startedFrom));
                insert.setObject(2, t.customerId());
                insert.setObject(3, t.siteId());
                insert.setObject(4, t.agentId());
                insert.setObject(5, utc(receivedFrom));
                insert.setInt(6, BACKLOG - 1);
                insert.executeUpdate();
            }
        }
        assertThat(evaluator.evaluate()).isTrue();
        Instant pageEnd = receivedFrom.plusMillis(NewResults.MAX_ROWS_PER_PASS);
        assertThat(cursor()).isEqualTo(pageEnd);
        assertThat(lastEvaluated(t.siteId())).isEqualTo(startedFrom.plusMillis(NewResults.MAX_ROWS_PER_PASS));

        assertThat(evaluator.evaluate()).isTrue();
        assertThat(cursor()).isAfter(now.minus(Duration.ofMinutes(1)));
        assertThat(lastEvaluated(t.siteId())).isEqualTo(startedFrom.plusMillis(BACKLOG - 1));
    }

    private Instant cursor() throws SQLException {
        return instant("SELECT received_from FROM alert_eval_cursor WHERE id = 1", null);
    }

    private Instant lastEvaluated(UUID site) throws SQLException {
        return instant("SELECT last_started_at FROM alert_series WHERE site_id = ? AND metric = 'mos'", site);
    }

    private Instant instant(String sql, UUID site) throws SQLException {
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

    private static void update(Connection c, String sql, Instant value) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(sql)) {
            u.setObject(1, utc(value));
            u.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
