package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Plain PostgreSQL only: keeps results_5m and results_1h up to date. Each run recomputes, from the raw results,
 * every (site, bucket) that received a result since the last run, and upserts the rows, so running twice (or
 * overlapping runs) gives the same rollups. Under TimescaleDB continuous aggregates do this job instead.
 */
@ApplicationScoped
public class RollupJob {
    private static final Logger LOG = Logger.getLogger(RollupJob.class);
    /** Transactions still open when a run starts commit rows with an earlier received_at; look back past them. */
    static final Duration IN_FLIGHT_MARGIN = Duration.ofMinutes(2);
    private static final String METRIC = "(metrics ->> '%s')::double precision";
    private static final String WORSE = "greatest(" + METRIC + ", " + METRIC + ")";
    private static final String AGGREGATES = String.join(",\n       ",
            "count(*)", "count(*) FILTER (WHERE status = 'ok')", "count(*) FILTER (WHERE status IN ('failed', 'error'))",
            "avg(" + METRIC.formatted("mos") + ")", "min(" + METRIC.formatted("mos") + ")", "max(" + METRIC.formatted("mos") + ")",
            "avg(" + METRIC.formatted("rtt_ms") + ")", "min(" + METRIC.formatted("rtt_ms") + ")", "max(" + METRIC.formatted("rtt_ms") + ")",
            "avg(" + WORSE.formatted("jitter_up_ms", "jitter_down_ms") + ")", "max(" + WORSE.formatted("jitter_up_ms", "jitter_down_ms") + ")",
            "avg(" + WORSE.formatted("loss_up_ratio", "loss_down_ratio") + ")", "max(" + WORSE.formatted("loss_up_ratio", "loss_down_ratio") + ")");
    private static final String[] COLUMNS = {"result_count", "ok_count", "failed_count", "mos_avg", "mos_min", "mos_max",
            "rtt_ms_avg", "rtt_ms_min", "rtt_ms_max", "jitter_ms_avg", "jitter_ms_max", "loss_ratio_avg", "loss_ratio_max"};

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;

    private OffsetDateTime receivedSince;

    @Scheduled(every = "${callready.rollup.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!mode.timescale()) {
            refresh();
        }
    }

    /** Recomputes what arrived since the last run (at the first run: within callready.rollup.lookback). */
    public synchronized int refresh() {
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime dbNow;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT now()")) {
                rs.next();
                dbNow = rs.getObject(1, OffsetDateTime.class);
            }
            OffsetDateTime since = receivedSince != null ? receivedSince : dbNow.minus(config.rollup().lookback());
            int rows = recompute(c, since);
            receivedSince = dbNow.minus(IN_FLIGHT_MARGIN);
            return rows;
        } catch (SQLException e) {
            LOG.warnf("Rollup refresh failed, will retry at the next run: %s", e.getMessage());
            return 0;
        }
    }

    /** Recomputes every (site, bucket) of both rollups that has a result received at or after {@code since}. */
    public int recompute(OffsetDateTime since) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return recompute(c, since);
        }
    }

    private static int recompute(Connection c, OffsetDateTime since) throws SQLException {
        return upsert(c, "results_5m", "5 minutes", since) + upsert(c, "results_1h", "1 hour", since);
    }

    private static int upsert(Connection c, String table, String width, OffsetDateTime since) throws SQLException {
        String bucket = "date_bin(INTERVAL '" + width + "', started_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
        StringBuilder updates = new StringBuilder("customer_id = EXCLUDED.customer_id");
        for (String column : COLUMNS) {
            updates.append(", ").append(column).append(" = EXCLUDED.").append(column);
        }
        String sql = """
                WITH touched AS (
                    SELECT DISTINCT site_id, %2$s AS bucket FROM results WHERE received_at >= ?
                )
                INSERT INTO %1$s (bucket, customer_id, site_id, target, kind, %3$s)
                SELECT t.bucket, r.customer_id, r.site_id, r.target, r.kind,
                       %4$s
                FROM touched t
                JOIN results r ON r.site_id = t.site_id AND r.started_at >= t.bucket AND r.started_at < t.bucket + INTERVAL '%5$s'
                GROUP BY t.bucket, r.customer_id, r.site_id, r.target, r.kind
                ON CONFLICT (site_id, target, kind, bucket) DO UPDATE SET %6$s"""
                .formatted(table, bucket, String.join(", ", COLUMNS), AGGREGATES, width, updates);
        try (PreparedStatement upsert = c.prepareStatement(sql)) {
            upsert.setObject(1, since);
            return upsert.executeUpdate();
        }
    }
}
